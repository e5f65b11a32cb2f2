package io.qdrantvigil.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrantvigil.operator.api.CollectionSummary;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.api.TransferView;
import io.qdrantvigil.operator.data.CollectionPlacement;
import io.qdrantvigil.operator.data.DataAssessment;
import io.qdrantvigil.operator.data.DataAssessor;
import io.qdrantvigil.operator.data.DataContext;
import io.qdrantvigil.operator.data.DataMemo;
import io.qdrantvigil.operator.data.DataReading;
import io.qdrantvigil.operator.data.DataView;
import io.qdrantvigil.operator.data.Replica;
import io.qdrantvigil.operator.data.Shard;
import io.qdrantvigil.operator.data.Transfer;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataStatusComposerTest {

  private static final PeerId A = new PeerId(1);
  private static final PeerId B = new PeerId(2);
  private static final PeerId GONE = PeerId.parse("18446744073709551615");
  private static final Instant T0 = Instant.parse("2026-08-04T12:30:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code count} collections of two replicated shards; collection 7 lives on a down peer; some transfers. */
  private static DataAssessment cluster(int count, int transfers, Instant now, DataMemo memo, int progress) {
    List<CollectionPlacement> collections = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<Transfer> moving = i < transfers
          ? List.of(new Transfer(1, A, B, true, "stream_records", "transferring (" + i + ".00s) | Transferring records ("
              + progress + "/4001), ETA: 1.00s"))
          : List.of();
      Shard first = new Shard(0, null, i == 7 ? List.of(new Replica(GONE, "Active"))
          : List.of(new Replica(A, "Active"), new Replica(B, "Active")));
      Shard second = new Shard(1, null, List.of(new Replica(A, "Active"),
          new Replica(B, i < transfers ? "Partial" : "Active")));
      collections.add(new CollectionPlacement(String.format("collection-%04d", i), List.of(first, second), moving));
    }
    DataView view = new DataView("qdrant-0", DataView.TELEMETRY, collections, Map.of(), now);
    Map<PeerId, String> names = Map.of(A, "qdrant-0", B, "qdrant-1");
    DataContext context = new DataContext(Set.of(A, B, GONE), Set.of(GONE), names, names, false, Set.of(A, B), true,
        Map.of(), Duration.ofMinutes(15), now);
    return DataAssessor.assess(new DataReading(view, true, null, Map.of(), List.of(), 1), context, memo);
  }

  @Test
  void collectionsWorstFirstAtMost50AndTheRestCounted() {
    DataStatus status = DataStatusComposer.compose(cluster(60, 0, T0, DataMemo.EMPTY, 0));
    assertThat(status.data().state()).isEqualTo("Unavailable");
    assertThat(status.data().collections()).isEqualTo(60);
    assertThat(status.data().shards()).isEqualTo(120);
    assertThat(status.data().readableReplicas()).isEqualTo("238/239");
    assertThat(status.collections()).hasSize(50);
    assertThat(status.collectionsOmitted()).isEqualTo(10);
    CollectionSummary worst = status.collections().get(0);
    assertThat(worst.name()).isEqualTo("collection-0007");
    assertThat(worst.state()).isEqualTo("Unavailable");
    assertThat(worst.readableReplicas()).isEqualTo("2/3");
    assertThat(worst.problems()).containsExactly("ShardUnavailable shard 0", "NoRedundancy");
    assertThat(status.collections().get(1).name()).isEqualTo("collection-0000");
  }

  @Test
  void transfersAtMost20WithTheirFirstSighting() {
    DataStatus status = DataStatusComposer.compose(cluster(30, 25, T0, DataMemo.EMPTY, 10));
    assertThat(status.data().transfers()).isEqualTo(25);
    assertThat(status.transfers()).hasSize(20);
    TransferView first = status.transfers().get(0);
    assertThat(first.from()).isEqualTo("qdrant-0");
    assertThat(first.to()).isEqualTo("qdrant-1");
    assertThat(first.shard()).isEqualTo(1L);
    assertThat(first.firstSeen()).isEqualTo("2026-08-04T12:30:00Z");
    assertThat(first.progress()).contains("Transferring records (10/4001)");
  }

  @Test
  void aTransferMovingOnChangesOnlyTheMovingNumbers() {
    DataAssessment before = cluster(5, 2, T0, DataMemo.EMPTY, 10);
    DataAssessment after = cluster(5, 2, T0.plusSeconds(5), before.memo(), 20);
    DataStatus a = DataStatusComposer.compose(before);
    DataStatus b = DataStatusComposer.compose(after);
    assertThat(b.transfers()).isNotEqualTo(a.transfers());
    assertThat(b.dataMemo()).isNotEqualTo(a.dataMemo());
    assertThat(b.data()).isEqualTo(a.data());
    assertThat(b.collections()).isEqualTo(a.collections());
    assertThat(PollStatusChange.sameMeaning(status(b), status(a))).isTrue();
    DataStatus gone = DataStatusComposer.compose(cluster(5, 1, T0.plusSeconds(10), after.memo(), 30));
    assertThat(PollStatusChange.sameMeaning(status(gone), status(b))).isFalse();
  }

  private static QdrantClusterWatchStatus status(DataStatus data) {
    return new QdrantClusterWatchStatus("Healthy", "2/2", 100.0, "1", 0, data.data(), data.collections(),
        data.collectionsOmitted(), data.transfers(), null, null, null, "pods", null, null, "2026-08-04T12:30:00Z", 1L,
        data.dataMemo());
  }

  @Test
  void theMemoSurvivesTheStatusRoundTrip() throws Exception {
    DataMemo memo = cluster(5, 2, T0, DataMemo.EMPTY, 10).memo();
    String stored = JSON.writeValueAsString(DataMemoCodec.write(memo));
    DataMemo read = DataMemoCodec.read(JSON.readValue(stored, io.qdrantvigil.operator.api.DataMemoStatus.class));
    assertThat(read).isEqualTo(memo);
    assertThat(stored).contains("\"from\":\"1\"");
  }

  @Test
  void aMemoEditedIntoNonsenseIsDroppedNotFatal() throws Exception {
    DataMemo read = DataMemoCodec.read(JSON.readValue("{\"transfers\":[{\"collection\":\"c\",\"shard\":1,\"from\":\"x\"}],"
        + "\"replicas\":[{\"collection\":\"c\"}]}", io.qdrantvigil.operator.api.DataMemoStatus.class));
    assertThat(read).isEqualTo(DataMemo.EMPTY);
  }

  @Test
  void aThousandCollectionsKeepTheDataFieldsSmall() throws Exception {
    DataStatus status = DataStatusComposer.compose(cluster(1000, 100, T0, DataMemo.EMPTY, 10));
    int bytes = JSON.writeValueAsBytes(status).length;
    assertThat(bytes).isLessThan(64 * 1024);
  }
}
