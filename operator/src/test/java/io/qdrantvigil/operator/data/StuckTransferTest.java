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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StuckTransferTest {

  private static List<CollectionPlacement> transferring(String comment) {
    return List.of(collection("products", List.of(new Transfer(1, P1, P0, true, "stream_records", comment)),
        shard(1, replica(P0, "Partial"), replica(P1, "Active"))));
  }

  private static List<DataFinding> findAt(DataMemo memo, List<CollectionPlacement> view, Instant now) {
    return StuckTransfer.find(view, memo, context(Set.of(), Map.of(), now));
  }

  @Test
  void aTransferWithoutProgressForStuckAfterIsStuckOnItsDestination() {
    List<CollectionPlacement> view = transferring("transferring (6.31s) | Transferring records (2300/4001), ETA: 4.67s");
    DataMemo memo = DataMemo.EMPTY.observe(view, T0, STUCK_AFTER);
    Instant later = T0.plus(STUCK_AFTER).minusSeconds(1);
    List<CollectionPlacement> sameProgress = transferring("transferring (906.31s) | Transferring records (2300/4001)");
    memo = memo.observe(sameProgress, later, STUCK_AFTER);
    assertThat(findAt(memo, sameProgress, later)).isEmpty();

    Instant past = T0.plus(STUCK_AFTER);
    memo = memo.observe(sameProgress, past, STUCK_AFTER);
    assertThat(findAt(memo, sameProgress, past)).singleElement().satisfies(f -> {
      assertThat(f.node()).isEqualTo("qdrant-0");
      assertThat(f.message()).isEqualTo("transfer of products shard 1 from qdrant-1 to qdrant-0 (stream_records) has "
          + "made no progress for more than 15m (seen since 2026-08-04T12:30:00Z; abort-transfer and retry, or check "
          + "both nodes)");
    });
  }

  @Test
  void aTransferThatMovesOnIsNotStuckHoweverLongItRuns() {
    DataMemo memo = DataMemo.EMPTY;
    for (int minute = 0; minute <= 60; minute += 5) {
      List<CollectionPlacement> view = transferring("transferring (1.00s) | Transferring records (" + minute + "/4001)");
      Instant now = T0.plus(Duration.ofMinutes(minute));
      memo = memo.observe(view, now, STUCK_AFTER);
      assertThat(findAt(memo, view, now)).isEmpty();
    }
    assertThat(memo.transfers()).singleElement().extracting(TransferSighting::firstSeen).isEqualTo(T0);
  }

  @Test
  void aTransferThatComesBackThreeTimesIsStuck() {
    List<CollectionPlacement> running = transferring("proxifying (0.10s)");
    List<CollectionPlacement> gone = List.of(collection("products", shard(1, replica(P0, "Dead"), replica(P1, "Active"))));
    DataMemo memo = DataMemo.EMPTY;
    Instant now = T0;
    for (int attempt = 0; attempt < 3; attempt++) {
      memo = memo.observe(running, now, STUCK_AFTER);
      assertThat(findAt(memo, running, now)).isEmpty();
      now = now.plusSeconds(30);
      memo = memo.observe(gone, now, STUCK_AFTER);
      now = now.plusSeconds(30);
    }
    memo = memo.observe(running, now, STUCK_AFTER);
    assertThat(findAt(memo, running, now)).singleElement().extracting(DataFinding::message).asString()
        .contains("came back 3 times");
  }

  @Test
  void aTransferGoneForTwiceStuckAfterIsForgotten() {
    DataMemo memo = DataMemo.EMPTY.observe(transferring("x"), T0, STUCK_AFTER);
    memo = memo.observe(List.of(), T0.plus(STUCK_AFTER), STUCK_AFTER);
    assertThat(memo.transfers()).singleElement().extracting(TransferSighting::present).isEqualTo(false);
    memo = memo.observe(List.of(), T0.plus(STUCK_AFTER.multipliedBy(2)), STUCK_AFTER);
    assertThat(memo.transfers()).isEmpty();
  }
}
