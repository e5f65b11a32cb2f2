package io.qdrantvigil.sandbox.qdrant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** Counted as active by Qdrant's {@code is_active()}. */
    static final Set<ReplicaState> ACTIVE = Set.of(ReplicaState.Active, ReplicaState.ReshardingScaleDown);

    /** Places shard s's replica r on peer (s + r) mod n, every replica Active (a settled cluster). */
    static CollectionState placed(CollectionSpec spec, List<PeerId> peers) {
        return placed(spec, peers, ReplicaState.Active);
    }

    /** Places shard s's replica r on peer (s + r) mod n, as Qdrant spreads replicas round-robin. */
    static CollectionState placed(CollectionSpec spec, List<PeerId> peers, ReplicaState initial) {
        CollectionState state = new CollectionState(spec.name(), spec.replicationFactor());
        for (int shard = 0; shard < spec.shardNumber(); shard++) {
            Map<PeerId, ReplicaState> replicas = new LinkedHashMap<>();
            for (int r = 0; r < Math.min(spec.replicationFactor(), peers.size()); r++) {
                replicas.put(peers.get((shard + r) % peers.size()), initial);
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

    /** How many replicas of the shard other than {@code except} are active. */
    static long activeOthers(Shard shard, PeerId except) {
        return shard.replicas().entrySet().stream()
                .filter(r -> !r.getKey().equals(except) && ACTIVE.contains(r.getValue()))
                .count();
    }

    Optional<ShardTransfer> transfer(int shardId, PeerId from, PeerId to) {
        return transfers.stream()
                .filter(t -> t.shardId() == shardId && t.from().equals(from) && t.to().equals(to))
                .findFirst();
    }

    /** A running transfer of the shard that involves {@code from} or {@code to}. */
    Optional<ShardTransfer> conflicting(int shardId, PeerId from, PeerId to) {
        return transfers.stream()
                .filter(t -> t.shardId() == shardId && (t.involves(from) || t.involves(to)))
                .findFirst();
    }

    boolean transferInvolves(PeerId peer) {
        return transfers.stream().anyMatch(t -> t.involves(peer));
    }

    /** The points a peer's copy of the shard holds: a transfer target has only what arrived so far. */
    long localPoints(int shardId, PeerId peer) {
        Shard shard = shards.get(shardId);
        ReplicaState state = shard.replicas().get(peer);
        if (state == ReplicaState.Initializing) {
            return 0;
        }
        return transfers.stream()
                .filter(t -> t.shardId() == shardId && t.to().equals(peer))
                .findFirst()
                .map(ShardTransfer::transferred)
                .orElse(shard.points());
    }

    /** Ends a transfer: the target turns Active and a move drops the source replica. */
    void complete(ShardTransfer transfer) {
        transfers.remove(transfer);
        Map<PeerId, ReplicaState> replicas = shards.get(transfer.shardId()).replicas();
        replicas.put(transfer.to(), ReplicaState.Active);
        if (!transfer.sync()) {
            replicas.remove(transfer.from());
        }
    }

    /** Cancels a transfer: a sync transfer leaves its target Dead, a move removes the target replica. */
    void abort(ShardTransfer transfer) {
        transfers.remove(transfer);
        Map<PeerId, ReplicaState> replicas = shards.get(transfer.shardId()).replicas();
        if (transfer.sync()) {
            replicas.computeIfPresent(transfer.to(), (peer, state) -> ReplicaState.Dead);
        } else {
            replicas.remove(transfer.to());
        }
    }

    /** Registers a transfer; its target turns Partial or Recovery on every peer as the entry applies. */
    ShardTransfer begin(int shardId, PeerId from, PeerId to, boolean sync, String method, Instant now) {
        Shard shard = shard(shardId);
        ShardTransfer transfer = new ShardTransfer(shardId, from, to, sync, method, now, shard.points());
        transfers.add(transfer);
        transfers.sort(Comparator.comparingInt(ShardTransfer::shardId));
        shard.replicas().put(to, ShardTransfer.receivingState(method));
        return transfer;
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
