package io.qdrantvigil.sandbox.qdrant;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Qdrant's replica sets do by themselves, one tick at a time (API.md §4.1–4.3): transfers progress,
 * retry and finish; writes of the update stream mark replicas on unreachable peers Dead (never the last
 * active one); a hosting peer reports its new replicas (Initializing → Active) and pulls a copy of its Dead
 * ones from an active replica; a restarted peer aborts the transfers it took part in. Every change is
 * committed through the leader, so nothing changes while there is none with a majority. Runs under the
 * simulation's monitor.
 */
final class DataPlane {

    /** States a write is sent to ({@code is_updatable}). */
    private static final Set<ReplicaState> UPDATABLE = EnumSet.of(ReplicaState.Active, ReplicaState.Partial,
            ReplicaState.Initializing, ReplicaState.Listener, ReplicaState.Resharding,
            ReplicaState.ReshardingScaleDown, ReplicaState.ActiveRead);
    /** Automatic recovery's method when every peer is 1.8 or newer and none is configured. */
    static final String RECOVERY_METHOD = "wal_delta";

    private final Simulation sim;
    private boolean updateStream;
    private final Set<PeerId> restarted = new LinkedHashSet<>();

    DataPlane(Simulation sim) {
        this.sim = sim;
    }

    boolean updateStream() {
        return updateStream;
    }

    void setUpdateStream(boolean on) {
        updateStream = on;
    }

    /** At startup a peer aborts every transfer it is the source or target of (once it can propose). */
    void restarted(PeerId peer) {
        restarted.add(peer);
    }

    void step(Instant now) {
        Optional<RaftNode> leader = sim.committer();
        advanceTransfers(now, leader);
        if (leader.isEmpty()) {
            return;
        }
        RaftNode writer = leader.get();
        abortTransfersOfRestartedPeers(writer);
        if (updateStream) {
            writeUpdates(writer);
        }
        checkLocalStates(writer, now);
    }

    private void advanceTransfers(Instant now, Optional<RaftNode> leader) {
        for (CollectionState collection : sim.collections()) {
            if (collection.transfers.isEmpty()) {
                continue;
            }
            for (ShardTransfer transfer : List.copyOf(collection.transfers)) {
                RaftNode source = sim.node(transfer.from());
                RaftNode target = sim.node(transfer.to());
                boolean sourceUp = source != null && source.running;
                boolean reachable = sourceUp && target != null && sim.reachable(source, target);
                boolean stalled = sim.hasFault(transfer.from(), Fault.TRANSFER_STALLED)
                        || sim.hasFault(transfer.to(), Fault.TRANSFER_STALLED);
                ShardTransfer.Step step = transfer.advance(now, Simulation.TICK, sourceUp, reachable, stalled);
                if (step == ShardTransfer.Step.NONE || leader.isEmpty()) {
                    continue;
                }
                sim.commitVia(leader.get(), () -> {
                    switch (step) {
                        case RECOVERED -> collection.shards.get(transfer.shardId()).replicas()
                                .put(transfer.to(), ReplicaState.Partial);
                        case FINISHED -> collection.complete(transfer);
                        case FAILED -> collection.abort(transfer);
                        default -> { }
                    }
                });
            }
        }
    }

    private void abortTransfersOfRestartedPeers(RaftNode leader) {
        for (PeerId peer : List.copyOf(restarted)) {
            RaftNode node = sim.node(peer);
            if (node == null || !node.working() || !node.softStateKnown || node.leader.isNone()) {
                continue;
            }
            restarted.remove(peer);
            for (CollectionState collection : sim.collections()) {
                for (ShardTransfer transfer : List.copyOf(collection.transfers)) {
                    if (transfer.involves(peer)) {
                        sim.commitVia(leader, () -> collection.abort(transfer));
                    }
                }
            }
        }
    }

    /** A write to a replica on a peer the leader cannot reach fails, and the replica is marked Dead. */
    private void writeUpdates(RaftNode leader) {
        Set<PeerId> unreachable = new LinkedHashSet<>();
        for (PeerId peer : leader.membership.uris().keySet()) {
            if (!reachableFrom(leader, peer)) {
                unreachable.add(peer);
            }
        }
        if (unreachable.isEmpty()) {
            return;
        }
        for (CollectionState collection : sim.collections()) {
            for (Map.Entry<Integer, CollectionState.Shard> entry : collection.shards.entrySet()) {
                for (PeerId peer : unreachable) {
                    markDeadAfterFailedWrite(leader, collection, entry.getKey(), entry.getValue(), peer);
                }
            }
        }
    }

    private void markDeadAfterFailedWrite(RaftNode leader, CollectionState collection, int shardId,
                                          CollectionState.Shard shard, PeerId peer) {
        ReplicaState state = shard.replicas().get(peer);
        if (state == null || !UPDATABLE.contains(state)) {
            return;
        }
        if (CollectionState.ACTIVE.contains(state) && CollectionState.activeOthers(shard, peer) == 0) {
            return;
        }
        sim.commitVia(leader, () -> {
            shard.replicas().put(peer, ReplicaState.Dead);
            for (ShardTransfer transfer : List.copyOf(collection.transfers)) {
                if (transfer.shardId() == shardId && transfer.involves(peer)) {
                    collection.abort(transfer);
                }
            }
        });
    }

    /**
     * The hosting peers' local-state checks: a replica created Initializing is reported Active; a Dead one
     * pulls a copy by a sync transfer from an active replica it can reach, unless a transfer of this
     * collection already involves either peer (the limits of 1 per node and collection).
     */
    private void checkLocalStates(RaftNode leader, Instant now) {
        for (CollectionState collection : sim.collections()) {
            for (Map.Entry<Integer, CollectionState.Shard> entry : collection.shards.entrySet()) {
                Map<PeerId, ReplicaState> replicas = entry.getValue().replicas();
                if (!replicas.containsValue(ReplicaState.Initializing) && !replicas.containsValue(ReplicaState.Dead)) {
                    continue;
                }
                for (PeerId host : List.copyOf(replicas.keySet())) {
                    ReplicaState state = replicas.get(host);
                    if (state == ReplicaState.Initializing && canAct(leader, host)
                            && !sim.lacksCollection(host, collection.name)) {
                        sim.commitVia(leader, () -> replicas.put(host, ReplicaState.Active));
                    } else if (state == ReplicaState.Dead) {
                        recover(leader, collection, entry.getKey(), host, now);
                    }
                }
            }
        }
    }

    private void recover(RaftNode leader, CollectionState collection, int shardId, PeerId host, Instant now) {
        if (!canAct(leader, host) || collection.transferInvolves(host) || sim.lacksCollection(host, collection.name)) {
            return;
        }
        RaftNode hostNode = sim.node(host);
        collection.shards.get(shardId).replicas().entrySet().stream()
                .filter(r -> CollectionState.ACTIVE.contains(r.getValue()))
                .map(Map.Entry::getKey)
                .filter(source -> !collection.transferInvolves(source))
                .filter(source -> sim.node(source) != null && sim.reachable(hostNode, sim.node(source)))
                .findFirst()
                .ifPresent(source -> sim.commitVia(leader, () ->
                        collection.begin(shardId, source, host, true, RECOVERY_METHOD, now)));
    }

    /** The peer runs, follows a known leader, and the leader reaches it. */
    private boolean canAct(RaftNode leader, PeerId peer) {
        RaftNode node = sim.node(peer);
        return node != null && node.working() && node.softStateKnown && !node.leader.isNone()
                && reachableFrom(leader, peer);
    }

    private boolean reachableFrom(RaftNode leader, PeerId peer) {
        if (leader.id.equals(peer)) {
            return true;
        }
        RaftNode node = sim.node(peer);
        return node != null && sim.reachable(leader, node);
    }
}
