package io.qdrantvigil.operator.actions;

import static io.qdrantvigil.operator.actions.Clusters.failing;
import static io.qdrantvigil.operator.actions.Clusters.healthy;
import static io.qdrantvigil.operator.actions.Clusters.knowingGone;
import static io.qdrantvigil.operator.actions.Clusters.leader;
import static io.qdrantvigil.operator.actions.Clusters.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;
import org.junit.jupiter.api.Test;

class ActionGuardsTest {

  @Test
  void deletingOneOfThreeHealthyPodsKeepsAMajority() {
    ClusterAssessment cluster = Clusters.healthyThree();
    assertThatCode(() -> ActionGuards.deletePod(cluster.nodes().get(1), cluster, 3, false)).doesNotThrowAnyException();
  }

  @Test
  void deletingAHealthyPodThatWouldBreakTheMajorityIsRefusedUnlessForced() {
    ClusterAssessment cluster = Clusters.of(leader(0), healthy(1), failing(2));
    assertThatThrownBy(() -> ActionGuards.deletePod(cluster.nodes().get(1), cluster, 3, false))
        .isInstanceOf(ActionRefused.class)
        .hasMessage("deleting healthy pod 'qdrant-1' would leave 1 healthy nodes, fewer than a Raft majority"
            + " (2 of 3 peers); add ';force' to delete it anyway");
    assertThatCode(() -> ActionGuards.deletePod(cluster.nodes().get(1), cluster, 3, true)).doesNotThrowAnyException();
  }

  @Test
  void deletingAFailingPodIsAlwaysAllowed() {
    ClusterAssessment cluster = Clusters.of(leader(0), healthy(1), failing(2));
    assertThatCode(() -> ActionGuards.deletePod(cluster.nodes().get(2), cluster, 3, false)).doesNotThrowAnyException();
  }

  @Test
  void theMajorityCountsPeersWithoutPods() {
    ClusterAssessment cluster = Clusters.of(leader(0), knowingGone(1), healthy(2));
    int membership = new ClusterScope(cluster).membership().size();
    assertThat(membership).isEqualTo(4);
    assertThatThrownBy(() -> ActionGuards.deletePod(cluster.nodes().get(2), cluster, membership, false))
        .hasMessageContaining("would leave 2 healthy nodes, fewer than a Raft majority (3 of 4 peers)");
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
