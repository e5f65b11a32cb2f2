package io.qdrantvigil.operator.data;

import static io.qdrantvigil.operator.data.Placements.P0;
import static io.qdrantvigil.operator.data.Placements.P1;
import static io.qdrantvigil.operator.data.Placements.STUCK_AFTER;
import static io.qdrantvigil.operator.data.Placements.T0;
import static io.qdrantvigil.operator.data.Placements.collection;
import static io.qdrantvigil.operator.data.Placements.context;
import static io.qdrantvigil.operator.data.Placements.replica;
import static io.qdrantvigil.operator.data.Placements.shard;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StuckReplicaTest {

  private static final List<CollectionPlacement> PARTIAL_ALONE =
      List.of(collection("products", shard(1, replica(P0, "Partial"), replica(P1, "Active"))));

  @Test
  void aPartialReplicaWithNoTransferForStuckAfterIsStuckOnItsNode() {
    DataMemo memo = DataMemo.EMPTY.observe(PARTIAL_ALONE, T0, STUCK_AFTER);
    Instant later = T0.plus(STUCK_AFTER);
    memo = memo.observe(PARTIAL_ALONE, later, STUCK_AFTER);
    assertThat(StuckReplica.find(PARTIAL_ALONE, memo, context(Set.of(), Map.of(), later.minusSeconds(1)))).isEmpty();
    assertThat(StuckReplica.find(PARTIAL_ALONE, memo, context(Set.of(), Map.of(), later))).singleElement()
        .satisfies(f -> {
          assertThat(f.node()).isEqualTo("qdrant-0");
          assertThat(f.message()).startsWith("replica of products shard 1 on qdrant-0 has been Partial since "
              + "2026-08-04T12:30:00Z (more than 15m) with no transfer towards it");
        });
  }

  @Test
  void aTransferTowardsItMeansItIsBeingFilled() {
    List<CollectionPlacement> filling = List.of(collection("products",
        List.of(new Transfer(1, P1, P0, true, "snapshot", null)),
        shard(1, replica(P0, "Partial"), replica(P1, "Active"))));
    DataMemo memo = DataMemo.EMPTY.observe(filling, T0, STUCK_AFTER);
    Instant later = T0.plus(STUCK_AFTER.multipliedBy(3));
    assertThat(StuckReplica.find(filling, memo.observe(filling, later, STUCK_AFTER),
        context(Set.of(), Map.of(), later))).isEmpty();
  }

  @Test
  void aReplicaThatChangesStateStartsItsAgeAgain() {
    DataMemo memo = DataMemo.EMPTY.observe(PARTIAL_ALONE, T0, STUCK_AFTER);
    List<CollectionPlacement> recovering =
        List.of(collection("products", shard(1, replica(P0, "Recovery"), replica(P1, "Active"))));
    Instant later = T0.plus(STUCK_AFTER);
    memo = memo.observe(recovering, later, STUCK_AFTER);
    assertThat(memo.replicas()).singleElement().extracting(ReplicaSighting::since).isEqualTo(later);
    assertThat(StuckReplica.find(recovering, memo, context(Set.of(), Map.of(), later))).isEmpty();
  }
}
