package io.qdrantvigil.sandbox.qdrant;

import com.sun.net.httpserver.HttpExchange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One simulated Qdrant process: a REST port on loopback and a peer in the shared Raft simulation. It keeps
 * its peer id and port across {@link #stop()} and {@link #start()}, as a pod with a persistent volume does.
 */
public final class SimulatedNode {

    /** {@code is_healthy}, what {@code /readyz} waits for. */
    private static final Set<ReplicaState> HEALTHY = EnumSet.of(ReplicaState.Active, ReplicaState.Listener,
            ReplicaState.Resharding, ReplicaState.ReshardingScaleDown, ReplicaState.ManualRecovery);

    /** One local replica, by collection and shard. */
    private record LocalReplica(String collection, int shardId) {
    }

    private final int ordinal;
    private final Simulation simulation;
    private final RaftNode raft;
    private final Executor executor;
    private final NodeServer server;
    private final Map<Fault, FaultSpec> faults = new ConcurrentHashMap<>();
    private final HungRequests hung = new HungRequests();
    private final List<RecoveryRequest> recoveries = new CopyOnWriteArrayList<>();
    private boolean processWanted = true;
    private boolean readySticky;
    /** The local replicas that were unhealthy once the node caught up; null until it has. */
    private Set<LocalReplica> awaitedReplicas;

    SimulatedNode(int ordinal, Simulation simulation, RaftNode raft, Auth auth, Executor executor,
                  ScheduledExecutorService timer) {
        this.ordinal = ordinal;
        this.simulation = simulation;
        this.raft = raft;
        this.executor = executor;
        this.server = new NodeServer(new NodeHandler(this, auth, executor, timer), executor, 0);
        simulation.act(sim -> sim.registerFaults(raft.id, faults));
        server.start();
    }

    public int ordinal() {
        return ordinal;
    }

    /** The REST base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.port();
    }

    /** The peer id in decimal, exact even above 2^63. */
    public String peerId() {
        return raft.id.toString();
    }

    public BigInteger peerIdAsBigInteger() {
        return raft.id.toBigInteger();
    }

    /** The p2p URI other peers know this node by, with its trailing slash. */
    public String p2pUri() {
        return raft.uri;
    }

    /** Whether the process is up (its port accepts connections). */
    public boolean isRunning() {
        return server.isListening();
    }

    public void setFault(Fault fault) {
        setFault(FaultSpec.of(fault));
    }

    /** Adds a fault, or replaces the setting of one already present. */
    public void setFault(FaultSpec spec) {
        simulation.act(sim -> {
            synchronized (hung) {
                faults.put(spec.fault(), spec);
            }
            reconcile();
        });
    }

    public void clearFault(Fault fault) {
        List<Runnable> released = new ArrayList<>();
        simulation.act(sim -> {
            synchronized (hung) {
                faults.remove(fault);
                if (fault == Fault.HUNG) {
                    released.addAll(hung.release());
                }
            }
            reconcile();
        });
        released.forEach(executor::execute);
    }

    /** Clears every fault: hung requests are answered, a STOPPED process starts again. */
    public void heal() {
        Set.copyOf(faults.keySet()).forEach(this::clearFault);
    }

    public Set<Fault> faults() {
        Set<Fault> present = EnumSet.noneOf(Fault.class);
        present.addAll(faults.keySet());
        return present;
    }

    /** The process goes down: port closed, open connections dropped; it stays a Raft member. */
    public void stop() {
        simulation.act(sim -> {
            processWanted = false;
            reconcile();
        });
    }

    /** The process comes back with the same peer id and port; it knows no leader until one reaches it. */
    public void start() {
        simulation.act(sim -> {
            processWanted = true;
            reconcile();
        });
    }

    /** Every snapshot recovery request this node received, oldest first. */
    public List<RecoveryRequest> recoveryRequests() {
        return List.copyOf(recoveries);
    }

    /** How many requests a HUNG fault holds unanswered right now. */
    public int hungRequests() {
        return hung.size();
    }

    public RaftView raft() {
        return simulation.read(sim -> {
            Set<String> peers = new LinkedHashSet<>();
            raft.membership.uris().keySet().forEach(id -> peers.add(id.toString()));
            return new RaftView(raft.term, raft.commit, raft.pending,
                    raft.softStateKnown ? raft.leader.toString() : null,
                    raft.softStateKnown ? raft.role.name() : null,
                    raft.membership.isVoter(raft.id), raft.consensusStatus(), peers);
        });
    }

    // ---- for the endpoints and the cluster ----

    Simulation simulation() {
        return simulation;
    }

    RaftNode raftNode() {
        return raft;
    }

    boolean hasFault(Fault fault) {
        return faults.containsKey(fault);
    }

    Optional<FaultSpec> activeFault(Fault fault, String path) {
        return Optional.ofNullable(faults.get(fault)).filter(spec -> spec.appliesTo(path));
    }

    /** Parks the exchange when HUNG applies; checked and parked atomically with respect to healing. */
    boolean parkIfHung(HttpExchange exchange, String path, Runnable resume) {
        synchronized (hung) {
            if (activeFault(Fault.HUNG, path).isEmpty()) {
                return false;
            }
            hung.park(exchange, resume);
            return true;
        }
    }

    void record(RecoveryRequest request) {
        recoveries.add(request);
    }

    /**
     * Qdrant's readiness (API.md §9): once the node has caught up with the cluster's commit, the local
     * replicas unhealthy at that moment must each be seen healthy once, so a restart whose replicas need
     * recovery stays unready until they are recovered. Once true it stays true until the process restarts.
     * A single node, or cluster mode off, is always ready.
     */
    boolean isReady() {
        return simulation.read(sim -> {
            if (readySticky) {
                return true;
            }
            boolean alone = raft.membership.uris().size() == 1 && !raft.removed;
            if (hasFault(Fault.CLUSTER_DISABLED) || alone) {
                readySticky = true;
                return true;
            }
            if (awaitedReplicas == null) {
                if (!raft.working() || !raft.softStateKnown || raft.commit < sim.clusterCommit()) {
                    return false;
                }
                awaitedReplicas = unhealthyLocalReplicas(sim);
            }
            awaitedReplicas.removeIf(replica -> isHealthy(sim, replica));
            readySticky = awaitedReplicas.isEmpty();
            return readySticky;
        });
    }

    void close() {
        server.stop();
        hung.closeAll();
    }

    private Set<LocalReplica> unhealthyLocalReplicas(Simulation sim) {
        Set<LocalReplica> unhealthy = new LinkedHashSet<>();
        for (CollectionState collection : sim.collections()) {
            collection.shards.forEach((shardId, shard) -> {
                ReplicaState state = shard.replicas().get(raft.id);
                if (state != null && !HEALTHY.contains(state)) {
                    unhealthy.add(new LocalReplica(collection.name, shardId));
                }
            });
        }
        return unhealthy;
    }

    /** Healthy now, or gone (dropped or moved away). */
    private boolean isHealthy(Simulation sim, LocalReplica replica) {
        ReplicaState state = sim.collection(replica.collection())
                .map(c -> c.shards.get(replica.shardId()))
                .map(shard -> shard.replicas().get(raft.id))
                .orElse(null);
        return state == null || HEALTHY.contains(state);
    }

    /** Brings process, network and consensus thread in line with the lifecycle and the faults. */
    private void reconcile() {
        boolean up = processWanted && !faults.containsKey(Fault.STOPPED);
        if (up && !raft.running) {
            server.start();
            readySticky = false;
            awaitedReplicas = null;
            simulation.restart(raft);
        } else if (!up && raft.running) {
            server.stop();
            hung.closeAll();
            simulation.stop(raft);
        }
        raft.isolated = faults.containsKey(Fault.PARTITIONED);
        Fault consensus = faults.containsKey(Fault.CONSENSUS_STOPPED_WITH_ERR) ? Fault.CONSENSUS_STOPPED_WITH_ERR
                : faults.containsKey(Fault.CONSENSUS_STOPPED) ? Fault.CONSENSUS_STOPPED : null;
        if (consensus != raft.consensusFault) {
            if (consensus == null) {
                simulation.clearConsensusFault(raft);
            } else {
                simulation.setConsensusFault(raft, consensus);
            }
        }
    }
}
