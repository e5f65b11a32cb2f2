package io.qdrantvigil.operator.actions;

import static io.qdrantvigil.operator.actions.Clusters.failing;
import static io.qdrantvigil.operator.actions.Clusters.failingButVoting;
import static io.qdrantvigil.operator.actions.Clusters.healthy;
import static io.qdrantvigil.operator.actions.Clusters.knowingGone;
import static io.qdrantvigil.operator.actions.Clusters.leader;
import static io.qdrantvigil.operator.actions.Clusters.learner;
import static io.qdrantvigil.operator.actions.Clusters.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;
import org.junit.jupiter.api.Test;

class ActionGuardsTest {

  private static void deletePod(ClusterAssessment cluster, int ordinal, boolean force) throws ActionRefused {
    ActionGuards.deletePod(cluster.nodes().get(ordinal), cluster, new ClusterScope(cluster).membership(), force);
  }

  private static void removePeer(ClusterAssessment cluster, int ordinal, boolean force) throws ActionRefused {
    ActionGuards.removePeer(peer(ordinal), cluster, new ClusterScope(cluster).membership(), force);
  }

  @Test
  void deletingOneOfThreeHealthyPodsKeepsAMajority() {
    ClusterAssessment cluster = Clusters.healthyThree();
    assertThatCode(() -> deletePod(cluster, 1, false)).doesNotThrowAnyException();
  }

  @Test
  void deletingAVoterThatWouldBreakTheMajorityIsRefusedUnlessForced() {
    ClusterAssessment cluster = Clusters.of(leader(0), healthy(1), failing(2));
    assertThatThrownBy(() -> deletePod(cluster, 1, false))
        .isInstanceOf(ActionRefused.class)
        .hasMessage("deleting pod 'qdrant-1' would leave 1 reachable Raft voters, fewer than a strict majority"
            + " (2 of 3 voters); add ';force' to do it anyway");
    assertThatCode(() -> deletePod(cluster, 1, true)).doesNotThrowAnyException();
  }

  @Test
  void deletingAnUnreachablePodTakesNoVoteAwaySoItIsAllowed() {
    ClusterAssessment cluster = Clusters.of(leader(0), healthy(1), failing(2));
    assertThatCode(() -> deletePod(cluster, 2, false)).doesNotThrowAnyException();
  }

  @Test
  void aNodeFailingAfterItAnsweredClusterStillVotes() {
    for (String cause : new String[] {"CollectionsFetchError", "QdrantIssue"}) {
      ClusterAssessment cluster = Clusters.of(leader(0), failing(1), failingButVoting(2, cause));
      assertThatThrownBy(() -> deletePod(cluster, 2, false)).as(cause)
          .hasMessage("deleting pod 'qdrant-2' would leave 1 reachable Raft voters, fewer than a strict majority"
              + " (2 of 3 voters); add ';force' to do it anyway");
      ClusterAssessment withTwoVoting = Clusters.of(leader(0), healthy(1), failingButVoting(2, cause));
      assertThatCode(() -> deletePod(withTwoVoting, 0, false)).as(cause).doesNotThrowAnyException();
    }
  }

  @Test
  void aFailingVoterIsNoSpareVoteEither() {
    ClusterAssessment cluster = Clusters.of(leader(0), healthy(1), failingButVoting(2, "CollectionsFetchError"));
    assertThatCode(() -> deletePod(cluster, 1, false)).doesNotThrowAnyException();
  }

  @Test
  void aLearnerIsNoVoterOnEitherSide() {
    ClusterAssessment cluster = Clusters.of(leader(0), healthy(1), learner(2));
    assertThatCode(() -> deletePod(cluster, 2, false)).as("a learner takes no vote away").doesNotThrowAnyException();
    assertThatThrownBy(() -> deletePod(cluster, 1, false))
        .hasMessage("deleting pod 'qdrant-1' would leave 1 reachable Raft voters, fewer than a strict majority"
            + " (2 of 2 voters); add ';force' to do it anyway");
  }

  @Test
  void theMajorityCountsPeersWithoutPods() {
    ClusterAssessment cluster = Clusters.of(leader(0), knowingGone(1), healthy(2));
    assertThat(new ClusterScope(cluster).membership()).hasSize(4);
    assertThatThrownBy(() -> deletePod(cluster, 2, false))
        .hasMessageContaining("would leave 2 reachable Raft voters, fewer than a strict majority (3 of 4 voters)");
  }

  @Test
  void removingARunningPeerCountsTheSmallerMembership() {
    assertThatCode(() -> removePeer(Clusters.healthyThree(), 2, false)).doesNotThrowAnyException();
    ClusterAssessment cluster = Clusters.of(leader(0), failing(1), healthy(2));
    assertThatThrownBy(() -> removePeer(cluster, 2, false))
        .hasMessage("removing peer " + peer(2) + " would leave 1 reachable Raft voters, fewer than a strict majority"
            + " (2 of the 2 voters left); add ';force' to do it anyway");
    assertThatCode(() -> removePeer(cluster, 2, true)).doesNotThrowAnyException();
    assertThatCode(() -> removePeer(cluster, 1, false)).as("a peer that is down").doesNotThrowAnyException();
  }

  @Test
  void fewerThanOneReplicaIsRefusedEvenWithForce() {
    assertThatThrownBy(() -> ActionGuards.scale("qdrant", 3, 0, "Healthy", true))
        .isInstanceOf(ActionRefused.class)
        .hasMessage("scaling StatefulSet 'qdrant' to fewer than 1 replica is refused, even with force");
  }

  @Test
  void scalingDownWhileNotHealthyIsRefusedUnlessForced() {
    assertThatThrownBy(() -> ActionGuards.scale("qdrant", 3, 2, "Degraded", false))
        .isInstanceOf(ActionRefused.class)
        .hasMessage("scaling StatefulSet 'qdrant' down from 3 to 2 while the cluster is Degraded is refused;"
            + " add ';force' to scale down anyway");
    assertThatCode(() -> ActionGuards.scale("qdrant", 3, 2, "Degraded", true)).doesNotThrowAnyException();
  }

  @Test
  void scalingUpOrDownWhileHealthyAndUpWhileDegradedAreAllowed() {
    assertThatCode(() -> ActionGuards.scale("qdrant", 3, 2, "Healthy", false)).doesNotThrowAnyException();
    assertThatCode(() -> ActionGuards.scale("qdrant", 3, 5, "Degraded", false)).doesNotThrowAnyException();
    assertThatCode(() -> ActionGuards.scale("qdrant", 3, 3, "Unavailable", false)).doesNotThrowAnyException();
  }

  @Test
  void aPeerRemovalGoesToTheLeader() throws ActionRefused {
    ClusterAssessment cluster = Clusters.of(healthy(0), leader(1), healthy(2));
    assertThat(ActionGuards.removePeerVia(Clusters.GONE, cluster).findings().target().name()).isEqualTo("qdrant-1");
  }

  @Test
  void neverToThePeerBeingRemovedNorToAFailingNode() throws ActionRefused {
    ClusterAssessment cluster = Clusters.of(failing(0), leader(1), healthy(2));
    NodeAssessment via = ActionGuards.removePeerVia(peer(1), cluster);
    assertThat(via.findings().target().name()).isEqualTo("qdrant-2");
  }

  @Test
  void withoutAnotherHealthyNodeThePeerRemovalIsRefused() {
    ClusterAssessment cluster = Clusters.of(leader(0), failing(1));
    assertThatThrownBy(() -> ActionGuards.removePeerVia(peer(0), cluster))
        .isInstanceOf(ActionRefused.class)
        .hasMessage("no healthy node other than peer " + peer(0) + " to send the removal to");
  }
}
