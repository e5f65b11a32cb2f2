package io.qdrantvigil.sandbox.qdrant;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Qdrant 1.19 cluster: N nodes on loopback ports sharing one Raft simulation. Ordinals play
 * the StatefulSet's pods {@code qdrant-0..N-1}. Everything it started stops on {@link #close()}.
 */
public final class SimulatedCluster implements AutoCloseable {

    static final String P2P_URI = "http://qdrant-%d.qdrant-headless:6335/";
    /** A settled cluster as the shared examples show it: term 2, commit 47. */
    static final long START_TERM = 2;
    static final long START_COMMIT = 47;
    private static final int HTTP_THREADS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCluster.class);

    private final ClusterOptions options;
    private final Simulation simulation;
    private final Auth auth;
    private final ThreadPoolExecutor http;
    private final ScheduledExecutorService timer;
    private final List<SimulatedNode> nodes = new CopyOnWriteArrayList<>();
    private final Map<Integer, SimulatedNode> retired = new HashMap<>();
    private final Set<PeerId> usedIds = new HashSet<>();
    private int configuredIdsUsed;

    private SimulatedCluster(ClusterOptions options) {
        this.options = options;
        this.simulation = new Simulation(options.clock(), new Random(options.seed()));
        this.auth = new Auth(options.apiKey(), options.readOnlyApiKey());
        this.http = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("qdrant-sim-http"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("qdrant-sim-timer"));
    }

    public static SimulatedCluster start(ClusterOptions options) {
        SimulatedCluster cluster = new SimulatedCluster(options);
        try {
            cluster.boot();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void boot() {
        simulation.act(sim -> {
            Map<PeerId, String> peers = new LinkedHashMap<>();
            for (int ordinal = 0; ordinal < options.nodes(); ordinal++) {
                peers.put(nextPeerId(), P2P_URI.formatted(ordinal));
            }
            sim.bootstrap(peers, START_TERM, START_COMMIT, options.collections());
            int ordinal = 0;
            for (PeerId id : peers.keySet()) {
                nodes.add(new SimulatedNode(ordinal++, sim, sim.node(id), auth, http, timer));
            }
        });
        if (!options.clock().isManual()) {
            timer.scheduleAtFixedRate(this::tickQuietly, Simulation.TICK.toMillis(), Simulation.TICK.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    public ClusterOptions options() {
        return options;
    }

    public SimClock clock() {
        return options.clock();
    }

    /** The current nodes, by ordinal (the StatefulSet's pods). */
    public List<SimulatedNode> nodes() {
        return List.copyOf(nodes);
    }

    public SimulatedNode node(int ordinal) {
        if (ordinal < 0 || ordinal >= nodes.size()) {
            throw new IllegalArgumentException("no node with ordinal " + ordinal + "; there are " + nodes.size());
        }
        return nodes.get(ordinal);
    }

    /** The peer that leads now (a working Leader at the highest term), if any. */
    public Optional<String> leaderPeerId() {
        return simulation.read(sim -> sim.leader().map(node -> node.id.toString()));
    }

    /** The node that leads now, if it is one of the current nodes. */
    public Optional<SimulatedNode> leader() {
        Optional<String> leader = leaderPeerId();
        return nodes.stream().filter(n -> leader.isPresent() && n.peerId().equals(leader.get())).findFirst();
    }

    public void stop(int ordinal) {
        node(ordinal).stop();
    }

    public void start(int ordinal) {
        node(ordinal).start();
    }

    /**
     * Scales up by one ordinal. A new ordinal joins with a fresh peer id as a learner and is promoted once
     * the leader hears from it; an ordinal scaled away before comes back with its old peer id and port, as
     * a StatefulSet pod finds its retained volume.
     */
    public SimulatedNode addNode() {
        List<SimulatedNode> added = new ArrayList<>(1);
        simulation.act(sim -> {
            int ordinal = nodes.size();
            SimulatedNode node = retired.remove(ordinal);
            if (node == null) {
                RaftNode raft = sim.join(nextPeerId(), P2P_URI.formatted(ordinal));
                node = new SimulatedNode(ordinal, sim, raft, auth, http, timer);
            }
            nodes.add(node);
            added.add(node);
        });
        SimulatedNode node = added.get(0);
        node.start();
        return node;
    }

    /** Scales down by one: the highest ordinal's process goes away but stays in the Raft membership. */
    public void removeHighestNode() {
        simulation.act(sim -> {
            if (nodes.size() <= 1) {
                throw new IllegalStateException("the last node cannot be removed");
            }
            SimulatedNode node = nodes.remove(nodes.size() - 1);
            node.stop();
            retired.put(node.ordinal(), node);
        });
    }

    public void heal(int ordinal) {
        node(ordinal).heal();
    }

    public void healAll() {
        nodes.forEach(SimulatedNode::heal);
    }

    // ---- collections (committed through the current leader, as in Qdrant) ----

    /**
     * Creates a collection through consensus. Its replicas are Initializing until their hosting peer reports
     * them created (on the next tick for a running, reachable peer that does not lack the collection).
     */
    public void createCollection(CollectionSpec spec) {
        simulation.act(sim -> {
            if (sim.collection(spec.name()).isPresent()) {
                throw new IllegalArgumentException("collection " + spec.name() + " exists");
            }
            List<PeerId> placement = nodes.stream().map(n -> n.raftNode().id).toList();
            sim.commitThroughLeader(() -> sim.putCollection(
                    CollectionState.placed(spec, placement, ReplicaState.Initializing)));
        });
    }

    /** Sets (or places) the replica of a shard on a peer in a state, e.g. Partial with no transfer. */
    public void setReplicaState(String collection, int shardId, String peerId, ReplicaState state) {
        simulation.act(sim -> {
            CollectionState.Shard shard = existing(sim, collection).shard(shardId);
            sim.commitThroughLeader(() -> shard.replicas().put(PeerId.parse(peerId), state));
        });
    }

    /**
     * Starts a shard transfer without the checks of {@code POST /collections/{n}/cluster}: the target turns
     * Partial (Recovery for snapshot and wal_delta) and Active once the shard's points are copied at 400
     * points per simulated second; a move ({@code sync=false}) then drops the source replica.
     */
    public void startTransfer(String collection, int shardId, String fromPeerId, String toPeerId, boolean sync,
                              String method) {
        simulation.act(sim -> {
            CollectionState state = existing(sim, collection);
            PeerId from = PeerId.parse(fromPeerId);
            if (!state.shard(shardId).replicas().containsKey(from)) {
                throw new IllegalArgumentException("peer " + from + " has no replica of shard " + shardId);
            }
            sim.commitThroughLeader(() -> state.begin(shardId, from, PeerId.parse(toPeerId), sync, method,
                    sim.now()));
        });
    }

    /**
     * Starts a transfer as {@code replicate_shard} (or {@code move_shard} when {@code move}) would, with
     * Qdrant's refusals: an IllegalArgumentException carries the text {@code POST /collections/{n}/cluster}
     * would answer. A refusal at apply time still uses up a commit index, as in Qdrant.
     */
    public void requestTransfer(String collection, int shardId, String fromPeerId, String toPeerId, boolean move,
                                String method) {
        ClusterOperation op = new ClusterOperation(move ? ClusterOperation.Kind.MOVE_SHARD
                : ClusterOperation.Kind.REPLICATE_SHARD, shardId, PeerId.parse(fromPeerId), PeerId.parse(toPeerId),
                method == null ? ClusterOperation.DEFAULT_METHOD : method);
        simulation.act(sim -> {
            CollectionState state = existing(sim, collection);
            RaftNode leader = sim.committer().orElseThrow(() -> new IllegalStateException(
                    "no leader with a majority: advance the clock until one is elected"));
            String refused = op.from().equals(op.to()) ? "cannot transfer shard to itself"
                    : ClusterUpdateEndpoint.precheck(leader, state, op);
            if (refused != null) {
                throw new IllegalArgumentException(refused);
            }
            String[] applied = new String[1];
            sim.commitVia(leader, () -> applied[0] = ClusterUpdateEndpoint.apply(sim, state, op));
            if (applied[0] != null) {
                throw new IllegalArgumentException(applied[0]);
            }
        });
    }

    /**
     * Switches the simulated update stream: while it is on, writes reach every shard each tick, and a
     * replica on a peer the leader cannot reach (down or partitioned) is marked Dead, except the last active.
     */
    public void setUpdateStream(boolean on) {
        simulation.act(sim -> sim.setUpdateStream(on));
    }

    public boolean updateStream() {
        return simulation.read(Simulation::updateStream);
    }

    /** The consensus replica map: shard id → peer id → state (the view of every node without a fault). */
    public Map<Integer, Map<String, ReplicaState>> replicaStates(String collection) {
        return simulation.read(sim -> {
            Map<Integer, Map<String, ReplicaState>> states = new TreeMap<>();
            existing(sim, collection).shards.forEach((id, shard) -> {
                Map<String, ReplicaState> replicas = new LinkedHashMap<>();
                shard.replicas().forEach((peer, state) -> replicas.put(peer.toString(), state));
                states.put(id, replicas);
            });
            return states;
        });
    }

    /** The collection's running transfers. */
    public List<TransferView> transfers(String collection) {
        return simulation.read(sim -> existing(sim, collection).transfers.stream()
                .map(t -> new TransferView(t.shardId(), t.from().toString(), t.to().toString(), t.sync(), t.method(),
                        t.transferred(), t.points()))
                .toList());
    }

    /** The collections in the consensus state, by name. */
    public List<String> collectionNames() {
        return simulation.read(sim -> sim.collections().stream().map(c -> c.name).toList());
    }

    /** Makes a snapshot location known with its SHA-256, so a recovery with another checksum is refused. */
    public void publishSnapshot(String location, String sha256) {
        simulation.act(sim -> sim.publishSnapshot(location, sha256));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (SimulatedNode node : nodes) {
            node.close();
        }
        retired.values().forEach(SimulatedNode::close);
        http.shutdownNow();
    }

    /** The real-clock ticker; an exception would silently end a scheduled task, so it is logged instead. */
    private void tickQuietly() {
        try {
            simulation.catchUp();
        } catch (RuntimeException e) {
            LOG.error("simulation tick failed", e);
        }
    }

    private static CollectionState existing(Simulation sim, String name) {
        return sim.collection(name).orElseThrow(() -> new IllegalArgumentException("no collection " + name));
    }

    private PeerId nextPeerId() {
        PeerId id;
        if (configuredIdsUsed < options.peerIds().size()) {
            id = PeerId.of(options.peerIds().get(configuredIdsUsed++));
        } else {
            do {
                id = PeerId.random(simulation.random(), options.legacyPeerIds());
            } while (usedIds.contains(id));
        }
        if (!usedIds.add(id)) {
            throw new IllegalArgumentException("peer id " + id + " is used twice");
        }
        return id;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
