package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qdrantvigil.operator.health.ClusterAssessment;
import org.junit.jupiter.api.Test;

/** The data guard and the drop-data rule, through the planner as a request meets them. */
class DataGuardTest {

  private static final ClusterAssessment THREE = Clusters.healthyThree();

  private static ActionPlan plan(String action, String value, DataPlacement placement) throws ActionRefused {
    return ActionPlanner.plan(ActionParser.parse(action, value), Clusters.NAMESPACE, THREE, placement, (ns, s) -> 3);
  }

  @Test
  void evictingTheOnlyHolderOfAShardIsRefusedNamingIt() {
    DataPlacement rf1 = Placements.products().replica(0, 0, "Active").replica(1, 1, "Active")
        .replica(1, 2, "Active").build();
    assertThatThrownBy(() -> plan("delete-pod", "qdrant-0", rf1))
        .hasMessage("evicting pod qdrant-0 is refused: qdrant-0 holds the only readable replica of shard products/0;"
            + " add ';force' to do it anyway");
    assertThatCode(() -> plan("delete-pod", "qdrant-1", rf1)).doesNotThrowAnyException();
    assertThatCode(() -> plan("delete-pod", "qdrant-0;force", rf1)).doesNotThrowAnyException();
  }

  @Test
  void aReplicaThatIsNotReadableElsewhereDoesNotCount() {
    DataPlacement partialElsewhere = Placements.products().replica(0, 0, "Active").replica(0, 1, "Partial").build();
    assertThatThrownBy(() -> plan("delete-pod", "qdrant-0", partialElsewhere))
        .hasMessageContaining("holds the only readable replica of shard products/0");
  }

  @Test
  void theSourceOrDestinationOfARunningTransferMayNotGo() {
    DataPlacement moving = Placements.products().replica(0, 0, "Active").replica(0, 1, "Active")
        .replica(0, 2, "Partial").transfer(0, 1, 2, "12/100 records").build();
    assertThatThrownBy(() -> plan("delete-pod", "qdrant-2", moving))
        .hasMessage("evicting pod qdrant-2 is refused: qdrant-2 is the destination of the running transfer of"
            + " products/0; add ';force' to do it anyway");
    assertThatThrownBy(() -> plan("delete-pod", "qdrant-1", moving)).hasMessageContaining("is the source");
    assertThatCode(() -> plan("delete-pod", "qdrant-0", moving)).doesNotThrowAnyException();
  }

  @Test
  void withoutADataViewThisPollTheGuardCannotTellAndRefuses() {
    assertThatThrownBy(() -> plan("delete-pod", "qdrant-1", DataPlacement.UNKNOWN))
        .hasMessageContaining("the data view could not be read this poll");
    assertThatCode(() -> plan("delete-pod", "qdrant-1;force", DataPlacement.UNKNOWN)).doesNotThrowAnyException();
  }

  @Test
  void removingAPeerWithAShardsOnlyReplicaNeedsDropDataEvenWithForce() {
    DataPlacement rf1 = Placements.products().replica(0, 2, "Dead").replica(1, 1, "Active").build();
    String peer = Clusters.peer(2).toString();
    assertThatThrownBy(() -> plan("remove-peer", peer + ";force", rf1))
        .hasMessage("removing peer " + peer + " would lose data: it holds the only replica of shard products/0;"
            + " add ';drop-data' (with ';force') to remove it and lose that data");
    assertThatCode(() -> plan("remove-peer", peer + ";force;drop-data", rf1)).doesNotThrowAnyException();
  }

  @Test
  void scalingDownWithoutDrainIsRefusedWhileLeavingPodsHostReplicas() throws ActionRefused {
    DataPlacement onTwo = Placements.products().replica(0, 0, "Active").replica(0, 2, "Active").build();
    assertThatThrownBy(() -> plan("scale", "qdrant=2", onTwo))
        .hasMessage("scaling StatefulSet 'qdrant' down to 2 is refused: leaving pod qdrant-2 hosts 1 replica(s)"
            + " (shard products/0); add ';drain' to move them first, or ';force'");
    DataPlacement offTwo = Placements.products().replica(0, 0, "Active").replica(0, 1, "Active").build();
    assertThat(plan("scale", "qdrant=2", offTwo)).isEqualTo(new ActionPlan.Scale("db", "qdrant", 3, 2));
  }

  @Test
  void droppingTheOnlyReadableReplicaIsRefusedUnlessForced() throws ActionRefused {
    DataPlacement placement = Placements.products().replica(0, 0, "Active").replica(0, 1, "Dead").build();
    assertThatThrownBy(() -> plan("drop-replica", "products/0;peer=qdrant-0", placement))
        .hasMessage("dropping the replica of shard products/0 on qdrant-0 is refused: it is the only readable"
            + " replica of that shard; add ';force' to drop it anyway");
    assertThat(plan("drop-replica", "products/0;peer=qdrant-1", placement).describe())
        .isEqualTo("drop the replica of shard products/0 on qdrant-1");
  }

  @Test
  void aPeerMayBeNamedByItsPod() throws ActionRefused {
    ActionPlan.RemovePeer removal = (ActionPlan.RemovePeer) plan("remove-peer", "qdrant-2;force",
        Placements.noCollections());
    assertThat(removal.peer()).isEqualTo(Clusters.peer(2));
    assertThatThrownBy(() -> plan("remove-peer", "postgres-0", Placements.noCollections()))
        .hasMessageStartingWith("pod 'postgres-0' is not a pod of this watch");
  }
}
