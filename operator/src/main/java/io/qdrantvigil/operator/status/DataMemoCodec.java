package io.qdrantvigil.operator.status;

import io.qdrantvigil.operator.api.DataMemoStatus;
import io.qdrantvigil.operator.data.DataMemo;
import io.qdrantvigil.operator.data.ReplicaSighting;
import io.qdrantvigil.operator.data.Transfer;
import io.qdrantvigil.operator.data.TransferSighting;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The memo to and from the status. Reading is lenient: an entry someone edited into something
 * unreadable is dropped (its age starts again), it never fails the poll.
 */
public final class DataMemoCodec {

  private DataMemoCodec() {}

  public static DataMemoStatus write(DataMemo memo) {
    List<DataMemoStatus.Transfer> transfers = memo.transfers().stream()
        .map(s -> new DataMemoStatus.Transfer(s.key().collection(), s.key().shardId(), s.key().from().toString(),
            s.key().to().toString(), s.firstSeen().toString(), s.lastSeen().toString(), s.progress(),
            s.progressAt().toString(), s.returns(), s.present()))
        .toList();
    List<DataMemoStatus.Replica> replicas = memo.replicas().stream()
        .map(s -> new DataMemoStatus.Replica(s.collection(), s.shard(), s.peer().toString(), s.state(),
            s.since().toString()))
        .toList();
    return transfers.isEmpty() && replicas.isEmpty() ? null : new DataMemoStatus(transfers, replicas);
  }

  public static DataMemo read(DataMemoStatus status) {
    if (status == null) {
      return DataMemo.EMPTY;
    }
    List<TransferSighting> transfers = new ArrayList<>();
    for (DataMemoStatus.Transfer t : Objects.requireNonNullElse(status.transfers(), List.<DataMemoStatus.Transfer>of())) {
      try {
        transfers.add(new TransferSighting(new Transfer.TransferKey(t.collection(), t.shard(), PeerId.parse(t.from()),
            PeerId.parse(t.to())), Instant.parse(t.firstSeen()), Instant.parse(t.lastSeen()), t.progress(),
            Instant.parse(t.progressAt()), Objects.requireNonNullElse(t.returns(), 0),
            Boolean.TRUE.equals(t.present())));
      } catch (RuntimeException e) {
        // dropped: see the class comment
      }
    }
    List<ReplicaSighting> replicas = new ArrayList<>();
    for (DataMemoStatus.Replica r : Objects.requireNonNullElse(status.replicas(), List.<DataMemoStatus.Replica>of())) {
      try {
        replicas.add(new ReplicaSighting(Objects.requireNonNull(r.collection()), r.shard(), PeerId.parse(r.peer()),
            Objects.requireNonNull(r.state()), Instant.parse(r.since())));
      } catch (RuntimeException e) {
        // dropped: see the class comment
      }
    }
    return new DataMemo(transfers.stream().limit(DataMemo.MAX_TRANSFERS).toList(),
        replicas.stream().limit(DataMemo.MAX_REPLICAS).toList());
  }
}
