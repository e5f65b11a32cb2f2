package io.qdrantvigil.sandbox.qdrant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One collection's consensus state: its shards, where their replicas live and in which state, transfers. */
final class CollectionState {

    /** One shard's points and its replicas by peer, in placement order. */
    record Shard(long points, Map<PeerId, ReplicaState> replicas) {
    }

    final String name;
    final int replicationFactor;
    final Map<Integer, Shard> shards = new TreeMap<>();
    final List<ShardTransfer> transfers = new ArrayList<>();

    CollectionState(String name, int replicationFactor) {
        this.name = name;
        this.replicationFactor = replicationFactor;
    }

    /** Places shard s's replica r on peer (s + r) mod n, as Qdrant spreads replicas round-robin. */
    static CollectionState placed(CollectionSpec spec, List<PeerId> peers) {
        CollectionState state = new CollectionState(spec.name(), spec.replicationFactor());
        for (int shard = 0; shard < spec.shardNumber(); shard++) {
            Map<PeerId, ReplicaState> replicas = new LinkedHashMap<>();
            for (int r = 0; r < Math.min(spec.replicationFactor(), peers.size()); r++) {
                replicas.put(peers.get((shard + r) % peers.size()), ReplicaState.Active);
            }
            state.shards.put(shard, new Shard(spec.pointsPerShard(), replicas));
        }
        return state;
    }

    boolean hasReplicaOn(PeerId peer) {
        return shards.values().stream().anyMatch(s -> s.replicas().containsKey(peer));
    }

    void dropReplicasOn(PeerId peer) {
        shards.values().forEach(s -> s.replicas().remove(peer));
        transfers.removeIf(t -> t.from().equals(peer) || t.to().equals(peer));
    }

    long points() {
        return shards.values().stream().mapToLong(Shard::points).sum();
    }

    Shard shard(int shardId) {
        Shard shard = shards.get(shardId);
        if (shard == null) {
            throw new IllegalArgumentException("Shard " + shardId + " of " + name + " does not exist");
        }
        return shard;
    }
}
