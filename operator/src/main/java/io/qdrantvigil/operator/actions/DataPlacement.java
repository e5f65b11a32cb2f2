package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the data is, as the actions need it: every replica (readable when its state is readable
 * and its peer reachable, as the data view judges it) and every running transfer. Built from the
 * data view of the poll the actions follow ({@link PlacementFromDataView}); {@link #UNKNOWN} when
 * that view could not be read.
 */
public interface DataPlacement {

  /** Whether a data view backs this placement. */
  boolean known();

  Set<String> collections();

  List<PlacedReplica> replicas();

  List<ShardTransfer> transfers();

  /** One shard of a collection, {@code products/2} in messages. */
  record ShardRef(String collection, long shard) implements Comparable<ShardRef> {
    @Override
    public int compareTo(ShardRef other) {
      int byCollection = collection.compareTo(other.collection);
      return byCollection != 0 ? byCollection : Long.compare(shard, other.shard);
    }

    @Override
    public String toString() {
      return collection + "/" + shard;
    }
  }

  record PlacedReplica(String collection, long shard, PeerId peer, String state, boolean readable) {
    ShardRef shardRef() {
      return new ShardRef(collection, shard);
    }
  }

  /** {@code sync} true: a replication (the source keeps its replica); false: a move. */
  record ShardTransfer(String collection, long shard, PeerId from, PeerId to, boolean sync, String comment) {
    ShardRef shardRef() {
      return new ShardRef(collection, shard);
    }

    boolean touches(PeerId peer) {
      return peer.equals(from) || peer.equals(to);
    }
  }

  static DataPlacement of(Set<String> collections, List<PlacedReplica> replicas, List<ShardTransfer> transfers) {
    return new Listed(true, Set.copyOf(collections), List.copyOf(replicas), List.copyOf(transfers));
  }

  DataPlacement UNKNOWN = new Listed(false, Set.of(), List.of(), List.of());

  /** Shards whose only readable replica is on {@code peer}. */
  default List<ShardRef> onlyReadableReplicaOn(PeerId peer) {
    Map<ShardRef, List<PlacedReplica>> readable = replicas().stream().filter(PlacedReplica::readable)
        .collect(Collectors.groupingBy(PlacedReplica::shardRef, TreeMap::new, Collectors.toList()));
    return readable.entrySet().stream()
        .filter(e -> e.getValue().size() == 1 && peer.equals(e.getValue().get(0).peer()))
        .map(Map.Entry::getKey).toList();
  }

  /** Shards whose every replica, readable or not, is on {@code peer}: removing it loses them. */
  default List<ShardRef> onlyReplicaOn(PeerId peer) {
    Map<ShardRef, List<PlacedReplica>> all = replicas().stream()
        .collect(Collectors.groupingBy(PlacedReplica::shardRef, TreeMap::new, Collectors.toList()));
    return all.entrySet().stream()
        .filter(e -> e.getValue().stream().allMatch(r -> peer.equals(r.peer())))
        .map(Map.Entry::getKey).toList();
  }

  default List<ShardTransfer> transfersTouching(PeerId peer) {
    return transfers().stream().filter(t -> t.touches(peer)).toList();
  }

  default List<PlacedReplica> replicasOn(PeerId peer) {
    return replicas().stream().filter(r -> peer.equals(r.peer())).toList();
  }

  default int replicaCount(PeerId peer) {
    return replicasOn(peer).size();
  }

  /** Shards with no readable replica. */
  default List<ShardRef> unreadableShards() {
    Set<ShardRef> readable = replicas().stream().filter(PlacedReplica::readable).map(PlacedReplica::shardRef)
        .collect(Collectors.toSet());
    return replicas().stream().map(PlacedReplica::shardRef).distinct().filter(s -> !readable.contains(s))
        .sorted().toList();
  }

  default Optional<PlacedReplica> replica(ShardRef shard, PeerId peer) {
    return replicas().stream().filter(r -> r.shardRef().equals(shard) && Objects.equals(peer, r.peer())).findFirst();
  }

  record Listed(boolean known, Set<String> collections, List<PlacedReplica> replicas, List<ShardTransfer> transfers)
      implements DataPlacement {}
}
