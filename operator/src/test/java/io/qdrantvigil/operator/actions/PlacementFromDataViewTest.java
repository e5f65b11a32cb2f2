package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.data.CollectionPlacement;
import io.qdrantvigil.operator.data.DataAssessment;
import io.qdrantvigil.operator.data.DataMemo;
import io.qdrantvigil.operator.data.DataStates;
import io.qdrantvigil.operator.data.Replica;
import io.qdrantvigil.operator.data.Shard;
import io.qdrantvigil.operator.data.Transfer;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementFromDataViewTest {

  private static final PeerId A = Clusters.peer(0);
  private static final PeerId B = Clusters.peer(1);
  private static final PeerId C = Clusters.peer(2);

  private static final List<CollectionPlacement> VIEW = List.of(new CollectionPlacement("products",
      List.of(new Shard(0, null, List.of(new Replica(A, "Active"), new Replica(B, "Active"))),
          new Shard(1, null, List.of(new Replica(B, "Dead"), new Replica(C, "Partial")))),
      List.of(new Transfer(1, B, C, true, "wal_delta", "3/10 records"))));

  private static DataAssessment assessed(String state, Set<PeerId> down, List<CollectionPlacement> view,
      Instant viewTime) {
    return new DataAssessment(state, List.of(), List.of(), List.of(), 0, 0, 0, 0, Map.of(), Map.of(), Map.of(),
        DataMemo.EMPTY, viewTime, view, down);
  }

  @Test
  void aReplicaIsReadableWhenItsStateServesReadsAndItsPeerIsNotDown() {
    DataPlacement placement = PlacementFromDataView.of(assessed(DataStates.AT_RISK, Set.of(B), VIEW, null));

    assertThat(placement.known()).isTrue();
    assertThat(placement.collections()).containsExactly("products");
    assertThat(placement.replicas()).containsExactly(
        new DataPlacement.PlacedReplica("products", 0, A, "Active", true),
        new DataPlacement.PlacedReplica("products", 0, B, "Active", false),
        new DataPlacement.PlacedReplica("products", 1, B, "Dead", false),
        new DataPlacement.PlacedReplica("products", 1, C, "Partial", false));
    assertThat(placement.onlyReadableReplicaOn(A)).containsExactly(new DataPlacement.ShardRef("products", 0));
    assertThat(placement.unreadableShards()).containsExactly(new DataPlacement.ShardRef("products", 1));
  }

  @Test
  void runningTransfersAreCarriedWithTheirDirection() {
    DataPlacement placement = PlacementFromDataView.of(assessed(DataStates.AT_RISK, Set.of(), VIEW, null));

    assertThat(placement.transfers()).containsExactly(
        new DataPlacement.ShardTransfer("products", 1, B, C, true, "3/10 records"));
    assertThat(placement.transfersTouching(C)).hasSize(1);
    assertThat(placement.transfersTouching(A)).isEmpty();
  }

  @Test
  void aPollThatCouldNotReadTheViewGivesAnUnknownPlacementNotTheLastViewShown() {
    DataAssessment stale = assessed(DataStates.UNKNOWN, Set.of(), List.of(), Instant.EPOCH);

    assertThat(PlacementFromDataView.of(stale)).isSameAs(DataPlacement.UNKNOWN);
    assertThat(PlacementFromDataView.of((DataAssessment) null)).isSameAs(DataPlacement.UNKNOWN);
  }
}
