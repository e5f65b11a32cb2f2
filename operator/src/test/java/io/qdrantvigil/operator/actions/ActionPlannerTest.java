package io.qdrantvigil.operator.actions;

import static io.qdrantvigil.operator.actions.Clusters.failing;
import static io.qdrantvigil.operator.actions.Clusters.healthy;
import static io.qdrantvigil.operator.actions.Clusters.leader;
import static io.qdrantvigil.operator.actions.Clusters.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qdrantvigil.operator.health.ClusterAssessment;
import org.junit.jupiter.api.Test;

class ActionPlannerTest {

  private static final ActionPlanner.ReplicaLookup THREE = (namespace, statefulSet) -> 3;

  private static ActionPlan plan(String action, String value, ClusterAssessment cluster) throws ActionRefused {
    return ActionPlanner.plan(ActionParser.parse(action, value), "db", cluster, Placements.noCollections(), THREE);
  }

  @Test
  void removePeerGoesToTheLeaderWithTheQueryQdrantExpects() throws ActionRefused {
    ActionPlan.RemovePeer plan = (ActionPlan.RemovePeer) plan("remove-peer", peer(2) + ";force", Clusters.healthyThree());
    assertThat(plan.nodeName()).isEqualTo("qdrant-0");
    assertThat(plan.nodeUrl()).isEqualTo("http://10.0.0.10:6333");
    assertThat(plan.pathAndQuery()).isEqualTo("/cluster/peer/17293822569102704642?force=true&timeout=10");
    assertThat(plan.describe()).isEqualTo("remove peer 17293822569102704642 with force through node qdrant-0");
  }

  @Test
  void removePeerOutsideTheMembershipIsRefused() {
    assertThatThrownBy(() -> plan("remove-peer", "42", Clusters.healthyThree()))
        .hasMessage("peer 42 is not in this cluster's membership");
  }

  @Test
  void deletePodIsConfinedAndGuarded() throws ActionRefused {
    assertThat(plan("delete-pod", "qdrant-1", Clusters.healthyThree()))
        .isEqualTo(new ActionPlan.DeletePod("db", "qdrant-1", false));
    assertThatThrownBy(() -> plan("delete-pod", "postgres-0", Clusters.healthyThree()))
        .hasMessageContaining("pod 'postgres-0' is not a pod of this watch");
    ClusterAssessment degraded = Clusters.of(leader(0), healthy(1), failing(2));
    assertThatThrownBy(() -> plan("delete-pod", "qdrant-1", degraded)).hasMessageContaining("fewer than a strict majority");
    assertThat(plan("delete-pod", "qdrant-1;force", degraded).describe())
        .isEqualTo("delete pod qdrant-1 with grace period 0");
  }

  @Test
  void restartAndScaleAreConfinedToTheOwningStatefulSet() throws ActionRefused {
    assertThat(plan("restart", "qdrant", Clusters.healthyThree())).isEqualTo(new ActionPlan.Restart("db", "qdrant"));
    assertThat(plan("scale", "qdrant=5", Clusters.healthyThree()))
        .isEqualTo(new ActionPlan.Scale("db", "qdrant", 3, 5));
    assertThatThrownBy(() -> plan("restart", "postgres", Clusters.healthyThree()))
        .hasMessage("StatefulSet 'postgres' owns none of this watch's pods");
    assertThatThrownBy(() -> plan("scale", "postgres=1", Clusters.healthyThree()))
        .hasMessage("StatefulSet 'postgres' owns none of this watch's pods");
  }

  @Test
  void scaleDownIsGuardedAgainstTheCurrentReplicas() {
    ClusterAssessment degraded = Clusters.of(leader(0), healthy(1), failing(2));
    assertThatThrownBy(() -> plan("scale", "qdrant=2", degraded))
        .hasMessageContaining("down from 3 to 2 while the cluster is Degraded");
  }

  @Test
  void recoverGoesToTheNamedNodeWithTheSecretUrlInTheBodyOnly() throws ActionRefused {
    ActionPlan.Recover plan = (ActionPlan.Recover) plan("recover",
        peer(1) + ";collection=my products;url=https://u:hunter22@h/s.snapshot;priority=replica",
        Clusters.healthyThree());
    assertThat(plan.nodeName()).isEqualTo("qdrant-1");
    assertThat(plan.pathAndQuery()).isEqualTo("/collections/my%20products/snapshots/recover?wait=true");
    assertThat(plan.body().toString())
        .isEqualTo("{\"location\":\"https://u:hunter22@h/s.snapshot\",\"priority\":\"replica\"}");
    assertThat(plan.describe()).isEqualTo("recover collection my products on qdrant-1 from https://***@h/s.snapshot");
    assertThat(plan.toString()).doesNotContain("hunter22");
  }

  @Test
  void recoverOmitsAbsentOptionsFromTheBody() throws ActionRefused {
    String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    ActionPlan.Recover plan = (ActionPlan.Recover) plan("recover",
        "qdrant-2;collection=c;url=file:///snapshots/c.snapshot;checksum=" + sha, Clusters.healthyThree());
    assertThat(plan.body().toString())
        .isEqualTo("{\"location\":\"file:///snapshots/c.snapshot\",\"checksum\":\"" + sha + "\"}");
  }

  @Test
  void pollPlansAPoll() throws ActionRefused {
    assertThat(plan("poll", "now", Clusters.of())).isEqualTo(new ActionPlan.Poll());
  }
}
