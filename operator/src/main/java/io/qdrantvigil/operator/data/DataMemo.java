package io.qdrantvigil.operator.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ages the stuck rules need, carried from poll to poll (and in the status, across restarts).
 * A transfer that is gone is remembered for twice {@code stuckAfter}, so that one that keeps coming
 * back is counted. Both lists are bounded, oldest kept, so the status stays small.
 */
public record DataMemo(List<TransferSighting> transfers, List<ReplicaSighting> replicas) {

  public static final int MAX_TRANSFERS = 40;
  public static final int MAX_REPLICAS = 100;
  public static final DataMemo EMPTY = new DataMemo(List.of(), List.of());

  public DataMemo {
    transfers = List.copyOf(transfers);
    replicas = List.copyOf(replicas);
  }

  public TransferSighting sighting(Transfer.TransferKey key) {
    return transfers.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
  }

  public ReplicaSighting sighting(String collection, long shard, Replica replica) {
    return replicas.stream()
        .filter(s -> s.collection().equals(collection) && s.shard() == shard && s.peer().equals(replica.peer())
            && s.state().equals(replica.state()))
        .findFirst().orElse(null);
  }

  /** The memo after a view read at {@code now}. */
  public DataMemo observe(List<CollectionPlacement> collections, Instant now, Duration stuckAfter) {
    return new DataMemo(observeTransfers(collections, now, stuckAfter), observeReplicas(collections, now));
  }

  private List<TransferSighting> observeTransfers(List<CollectionPlacement> collections, Instant now,
      Duration stuckAfter) {
    Map<Transfer.TransferKey, TransferSighting> previous = new HashMap<>();
    transfers.forEach(s -> previous.put(s.key(), s));
    List<TransferSighting> next = new ArrayList<>();
    for (CollectionPlacement collection : collections) {
      for (Transfer transfer : collection.transfers()) {
        Transfer.TransferKey key = transfer.key(collection.name());
        TransferSighting before = previous.remove(key);
        next.add(seen(before, key, transfer.progressMark(), now));
      }
    }
    Instant forgetBefore = now.minus(stuckAfter.multipliedBy(2));
    previous.values().stream()
        .filter(s -> s.lastSeen().isAfter(forgetBefore))
        .map(s -> new TransferSighting(s.key(), s.firstSeen(), s.lastSeen(), s.progress(), s.progressAt(), s.returns(),
            false))
        .forEach(next::add);
    return next.stream().sorted(Comparator.comparing(TransferSighting::firstSeen)).limit(MAX_TRANSFERS).toList();
  }

  private static TransferSighting seen(TransferSighting before, Transfer.TransferKey key, String mark, Instant now) {
    if (before == null) {
      return new TransferSighting(key, now, now, mark, now, 0, true);
    }
    if (!before.present()) {
      return new TransferSighting(key, before.firstSeen(), now, mark, now, before.returns() + 1, true);
    }
    boolean moved = !Objects.equals(before.progress(), mark);
    return new TransferSighting(key, before.firstSeen(), now, mark, moved ? now : before.progressAt(),
        before.returns(), true);
  }

  private List<ReplicaSighting> observeReplicas(List<CollectionPlacement> collections, Instant now) {
    List<ReplicaSighting> next = new ArrayList<>();
    for (CollectionPlacement collection : collections) {
      for (Shard shard : collection.shards()) {
        for (Replica replica : shard.replicas()) {
          if (ReplicaStates.transitional(replica.state())) {
            ReplicaSighting before = sighting(collection.name(), shard.id(), replica);
            next.add(before != null ? before
                : new ReplicaSighting(collection.name(), shard.id(), replica.peer(), replica.state(), now));
          }
        }
      }
    }
    return next.stream().sorted(Comparator.comparing(ReplicaSighting::since)).limit(MAX_REPLICAS).toList();
  }
}
