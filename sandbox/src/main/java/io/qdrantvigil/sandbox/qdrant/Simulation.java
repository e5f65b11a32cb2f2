package io.qdrantvigil.sandbox.qdrant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The shared world of all simulated nodes: their Raft state, the p2p network between them and the
 * collections' consensus state. Time moves in ticks of 100 ms (Qdrant's {@code tick_period_ms}); every
 * access first catches up with the clock, so a manual clock needs no background thread. All state is
 * guarded by this object's monitor.
 */
final class Simulation implements RaftNetwork {

    static final Duration TICK = Duration.ofMillis(100);
    private static final String CONNECT_ERROR = "Error in closure supplied to transport channel pool: status: "
            + "Unavailable, message: \"Failed to connect to %s, error: transport error\", details: [], "
            + "metadata: MetadataMap { headers: {} }";
    private static final String TIMEOUT_ERROR = "Error in closure supplied to transport channel pool: status: "
            + "Cancelled, message: \"Timeout expired\", details: [], metadata: MetadataMap { headers: {} }";

    private record Envelope(PeerId to, RaftMessage message) {
    }

    private final SimClock clock;
    private final Random random;
    private final Instant epoch;
    private long tick;
    private List<Envelope> inFlight = new ArrayList<>();
    private final Map<PeerId, RaftNode> nodes = new LinkedHashMap<>();
    private final Map<String, CollectionState> collections = new LinkedHashMap<>();
    private final Map<String, String> snapshotChecksums = new LinkedHashMap<>();
    private final Map<PeerId, Map<Fault, FaultSpec>> faults = new LinkedHashMap<>();
    private final DataPlane dataPlane = new DataPlane(this);

    Simulation(SimClock clock, Random random) {
        this.clock = clock;
        this.random = random;
        this.epoch = clock.now();
    }

    synchronized <T> T read(Function<Simulation, T> reader) {
        catchUp();
        return reader.apply(this);
    }

    synchronized void act(Consumer<Simulation> action) {
        catchUp();
        action.accept(this);
    }

    /** Runs every tick between the last one processed and the clock's now. */
    synchronized void catchUp() {
        long target = Duration.between(epoch, clock.now()).toMillis() / TICK.toMillis();
        while (tick < target) {
            tick++;
            step(epoch.plus(TICK.multipliedBy(tick)));
        }
    }

    Instant now() {
        return clock.now();
    }

    Random random() {
        return random;
    }

    boolean clockIsManual() {
        return clock.isManual();
    }

    // ---- the nodes ----

    /** Starts a settled cluster: the first peer leads at the given term, everyone knows everyone. */
    void bootstrap(Map<PeerId, String> peers, long term, long commit, List<CollectionSpec> specs) {
        Membership membership = new Membership(peers, Set.of());
        PeerId first = peers.keySet().iterator().next();
        for (Map.Entry<PeerId, String> peer : peers.entrySet()) {
            RaftNode node = new RaftNode(peer.getKey(), peer.getValue(), this, membership, term, commit, now());
            if (peer.getKey().equals(first)) {
                node.becomeLeaderAtStart(tick);
            } else {
                node.followAtStart(first, tick);
            }
            nodes.put(node.id, node);
        }
        List<PeerId> placement = new ArrayList<>(peers.keySet());
        specs.forEach(spec -> collections.put(spec.name(), CollectionState.placed(spec, placement)));
    }

    /** A new process with a fresh identity; it becomes a learner once a leader with a majority adds it. */
    RaftNode join(PeerId id, String uri) {
        RaftNode node = new RaftNode(id, uri, this, Membership.solo(id, uri, false), 0, 0, now());
        node.joined = false;
        node.softStateKnown = false;
        nodes.put(id, node);
        tryJoin(node);
        return node;
    }

    RaftNode node(PeerId id) {
        return nodes.get(id);
    }

    void stop(RaftNode node) {
        node.stop();
    }

    void restart(RaftNode node) {
        node.restart(tick, now());
        dataPlane.restarted(node.id);
    }

    /** Makes a node's faults visible to the data plane (stalled transfers, missing collections, views). */
    void registerFaults(PeerId peer, Map<Fault, FaultSpec> nodeFaults) {
        faults.put(peer, nodeFaults);
    }

    boolean hasFault(PeerId peer, Fault fault) {
        Map<Fault, FaultSpec> nodeFaults = faults.get(peer);
        return nodeFaults != null && nodeFaults.containsKey(fault);
    }

    Optional<FaultSpec> fault(PeerId peer, Fault fault) {
        Map<Fault, FaultSpec> nodeFaults = faults.get(peer);
        return nodeFaults == null ? Optional.empty() : Optional.ofNullable(nodeFaults.get(fault));
    }

    /** The collection is in the consensus state but not on this peer (fault COLLECTION_MISSING). */
    boolean lacksCollection(PeerId peer, String collection) {
        return fault(peer, Fault.COLLECTION_MISSING).filter(f -> f.collection().equals(collection)).isPresent();
    }

    boolean updateStream() {
        return dataPlane.updateStream();
    }

    void setUpdateStream(boolean on) {
        dataPlane.setUpdateStream(on);
    }

    void setConsensusFault(RaftNode node, Fault fault) {
        node.setConsensusFault(fault, now());
    }

    void clearConsensusFault(RaftNode node) {
        node.clearConsensusFault(tick);
    }

    boolean reachable(RaftNode from, RaftNode to) {
        return to.running && !from.isolated && !to.isolated;
    }

    /** The node that leads now: a working Leader at the highest term. */
    Optional<RaftNode> leader() {
        return nodes.values().stream()
                .filter(n -> n.working() && n.role == RaftRole.Leader)
                .max(Comparator.comparingLong(n -> n.term));
    }

    /** The highest commit index any working node has. */
    long clusterCommit() {
        return nodes.values().stream().filter(RaftNode::working).mapToLong(n -> n.commit).max().orElse(0);
    }

    // ---- consensus operations ----

    /**
     * Proposes an operation through the leader the asking node knows, as Qdrant forwards proposals, and
     * applies it on every node the leader reaches.
     */
    void proposeVia(RaftNode asking, long timeoutSeconds, UnaryOperator<Membership> configChange,
                    Runnable stateChange) {
        if (!asking.working() || !asking.softStateKnown || asking.leader.isNone()) {
            throw new ConsensusUnavailableException(
                    "Failed to propose operation: leader is not established within " + timeoutSeconds + "s");
        }
        RaftNode leader = nodes.get(asking.leader);
        if (leader == null || leader.role != RaftRole.Leader || !leader.working()
                || (leader != asking && !reachable(asking, leader)) || !hasMajority(leader)) {
            throw new ConsensusUnavailableException("Waiting for consensus operation commit failed. Timeout set at: "
                    + timeoutSeconds + " seconds");
        }
        commit(leader, configChange, stateChange);
    }

    /** Commits a collection change through the current leader (for the Java control API). */
    void commitThroughLeader(Runnable stateChange) {
        RaftNode leader = committer().orElseThrow(() -> new IllegalStateException(
                "no leader with a majority: advance the clock until one is elected"));
        commit(leader, UnaryOperator.identity(), stateChange);
    }

    /** The leader that can commit now: a working Leader at the highest term that reaches a majority. */
    Optional<RaftNode> committer() {
        return leader().filter(this::hasMajority);
    }

    /** Commits a collection change through that leader: one more commit index on every node it reaches. */
    void commitVia(RaftNode leader, Runnable stateChange) {
        commit(leader, UnaryOperator.identity(), stateChange);
    }

    private boolean hasMajority(RaftNode leader) {
        long acks = leader.membership.voters().stream()
                .map(nodes::get)
                .filter(n -> n != null && (n == leader || (n.working() && reachable(leader, n))))
                .count();
        return acks >= leader.membership.quorum();
    }

    private void commit(RaftNode leader, UnaryOperator<Membership> configChange, Runnable stateChange) {
        Membership before = leader.membership;
        Membership after = configChange.apply(before);
        stateChange.run();
        leader.lastUpdate = now();
        List<RaftNode> appliers = new ArrayList<>();
        for (RaftNode node : nodes.values()) {
            boolean concerned = before.contains(node.id) || after.contains(node.id);
            if (node == leader || (concerned && node.working() && reachable(leader, node))) {
                appliers.add(node);
            }
        }
        long index = leader.commit + 1;
        appliers.forEach(node -> node.applyCommitted(after, index));
    }

    private void tryJoin(RaftNode node) {
        leader().filter(this::hasMajority).filter(l -> reachable(node, l)).ifPresent(leader -> {
            node.joined = true;
            node.term = leader.term;
            commit(leader, m -> m.withLearner(node.id, node.uri), () -> { });
        });
    }

    @Override
    public void learnerCaughtUp(RaftNode leader, PeerId learner) {
        if (hasMajority(leader)) {
            commit(leader, m -> m.promoted(learner), () -> { });
        }
    }

    // ---- collections ----

    Optional<CollectionState> collection(String name) {
        return Optional.ofNullable(collections.get(name));
    }

    Collection<CollectionState> collections() {
        return collections.values();
    }

    void putCollection(CollectionState state) {
        collections.put(state.name, state);
    }

    boolean hasReplicaOn(PeerId peer) {
        return collections.values().stream().anyMatch(c -> c.hasReplicaOn(peer));
    }

    void dropReplicasOn(PeerId peer) {
        collections.values().forEach(c -> c.dropReplicasOn(peer));
    }

    void publishSnapshot(String location, String sha256) {
        snapshotChecksums.put(location, sha256);
    }

    Optional<String> snapshotChecksum(String location) {
        return Optional.ofNullable(snapshotChecksums.get(location));
    }

    // ---- the network ----

    @Override
    public void send(RaftNode from, PeerId to, RaftMessage message, Instant now) {
        RaftNode target = nodes.get(to);
        from.lastUpdate = now;
        String targetUri = from.membership.uri(to);
        if (target != null && reachable(from, target)) {
            from.sendFailures.remove(target.uri);
            inFlight.add(new Envelope(to, message));
        } else if (targetUri != null) {
            boolean down = target == null || !target.running;
            from.recordSendFailure(targetUri, down ? CONNECT_ERROR.formatted(targetUri) : TIMEOUT_ERROR, now);
        }
    }

    @Override
    public long electionTimeoutTicks() {
        return 20 + random.nextInt(20);
    }

    private void step(Instant now) {
        List<Envelope> delivering = inFlight;
        inFlight = new ArrayList<>();
        for (Envelope envelope : delivering) {
            RaftNode target = nodes.get(envelope.to());
            RaftNode sender = nodes.get(envelope.message().from());
            if (target != null && sender != null && reachable(sender, target)) {
                target.receive(envelope.message(), tick, now);
            }
        }
        for (RaftNode node : List.copyOf(nodes.values())) {
            node.tick(tick, now);
            if (node.running && !node.joined) {
                tryJoin(node);
            }
        }
        dataPlane.step(now);
    }
}
