package io.qdrantvigil.sandbox.qdrant;

import java.time.Instant;
import java.util.ArrayList;
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
        reportCreatedReplicas(writer);
        recoverDeadReplicas(writer, now);
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
        for (CollectionState collection : sim.collections()) {
            for (Map.Entry<Integer, CollectionState.Shard> entry : collection.shards.entrySet()) {
                CollectionState.Shard shard = entry.getValue();
                List<PeerId> failed = new ArrayList<>();
                for (Map.Entry<PeerId, ReplicaState> replica : shard.replicas().entrySet()) {
                    if (UPDATABLE.contains(replica.getValue()) && !reachableFrom(leader, replica.getKey())) {
                        failed.add(replica.getKey());
                    }
                }
                for (PeerId peer : failed) {
                    ReplicaState state = shard.replicas().get(peer);
                    if (state == null || !UPDATABLE.contains(state)) {
                        continue;
                    }
                    if (CollectionState.ACTIVE.contains(state) && CollectionState.activeOthers(shard, peer) == 0) {
                        continue;
                    }
                    int shardId = entry.getKey();
                    sim.commitVia(leader, () -> {
                        shard.replicas().put(peer, ReplicaState.Dead);
                        for (ShardTransfer transfer : List.copyOf(collection.transfers)) {
                            if (transfer.shardId() == shardId && transfer.involves(peer)) {
                                collection.abort(transfer);
                            }
                        }
                    });
                }
            }
        }
    }

    private void reportCreatedReplicas(RaftNode leader) {
        for (CollectionState collection : sim.collections()) {
            for (CollectionState.Shard shard : collection.shards.values()) {
                for (Map.Entry<PeerId, ReplicaState> replica : shard.replicas().entrySet()) {
                    PeerId peer = replica.getKey();
                    if (replica.getValue() == ReplicaState.Initializing && canAct(leader, peer)
                            && !sim.lacksCollection(peer, collection.name)) {
                        sim.commitVia(leader, () -> replica.setValue(ReplicaState.Active));
                    }
                }
            }
        }
    }

    /**
     * The hosting peer of a Dead replica starts a sync transfer to itself from an active replica it can
     * reach, unless a transfer of this collection already involves either peer (limits of 1 per node).
     */
    private void recoverDeadReplicas(RaftNode leader, Instant now) {
        for (CollectionState collection : sim.collections()) {
            for (Map.Entry<Integer, CollectionState.Shard> entry : collection.shards.entrySet()) {
                for (Map.Entry<PeerId, ReplicaState> replica : List.copyOf(entry.getValue().replicas().entrySet())) {
                    PeerId host = replica.getKey();
                    if (replica.getValue() != ReplicaState.Dead || !canAct(leader, host)
                            || collection.transferInvolves(host) || sim.lacksCollection(host, collection.name)) {
                        continue;
                    }
                    RaftNode hostNode = sim.node(host);
                    entry.getValue().replicas().entrySet().stream()
                            .filter(r -> CollectionState.ACTIVE.contains(r.getValue()))
                            .map(Map.Entry::getKey)
                            .filter(source -> !collection.transferInvolves(source))
                            .filter(source -> sim.node(source) != null && sim.reachable(hostNode, sim.node(source)))
                            .findFirst()
                            .ifPresent(source -> sim.commitVia(leader, () ->
                                    collection.begin(entry.getKey(), source, host, true, RECOVERY_METHOD, now)));
                }
            }
        }
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
