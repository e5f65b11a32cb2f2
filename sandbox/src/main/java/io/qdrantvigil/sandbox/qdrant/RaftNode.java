package io.qdrantvigil.sandbox.qdrant;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One peer's Raft state machine, driven in ticks of 100 ms. Models what {@code GET /cluster} shows:
 * raft-rs without pre-vote and check_quorum (an isolated leader keeps saying Leader), soft state lost on
 * restart, and message_send_failures kept per target URI until a send to it succeeds.
 */
final class RaftNode {

    static final long HEARTBEAT_TICKS = 2;
    private static final long MAX_BACKOFF_SECONDS = 300;

    final PeerId id;
    final String uri;
    private final RaftNetwork network;

    boolean running = true;
    boolean isolated;
    boolean joined = true;
    boolean removed;
    Fault consensusFault;
    private int restartAttempt;
    private Instant nextRestartAt;

    long term;
    private PeerId votedFor;
    RaftRole role = RaftRole.Follower;
    boolean softStateKnown;
    PeerId leader = PeerId.NONE;
    long commit;
    long pending;
    Membership membership;
    Instant lastUpdate;
    final Map<String, SendFailure> sendFailures = new LinkedHashMap<>();

    private long electionDeadline;
    private long nextHeartbeat;
    private final Set<PeerId> votes = new HashSet<>();

    RaftNode(PeerId id, String uri, RaftNetwork network, Membership membership, long term, long commit,
             Instant now) {
        this.id = id;
        this.uri = uri;
        this.network = network;
        this.membership = membership;
        this.term = term;
        this.commit = commit;
        this.lastUpdate = now;
    }

    /** Processes Raft: running, member of a cluster, consensus thread alive. */
    boolean working() {
        return running && joined && !removed && consensusFault == null;
    }

    String consensusStatus() {
        if (consensusFault == Fault.CONSENSUS_STOPPED_WITH_ERR && !removed) {
            return "stopped_with_err";
        }
        return removed || consensusFault != null ? "stopped" : "working";
    }

    String consensusError() {
        return "Failed to handle committed entries: Failed to apply collection meta operation entry: "
                + "Service internal error: No space left on device (os error 28); restarting consensus thread "
                + "(attempt " + restartAttempt + ", next attempt in " + backoffSeconds(restartAttempt) + " sec)";
    }

    void becomeLeaderAtStart(long tick) {
        role = RaftRole.Leader;
        leader = id;
        softStateKnown = true;
        nextHeartbeat = tick + HEARTBEAT_TICKS;
    }

    void followAtStart(PeerId currentLeader, long tick) {
        role = RaftRole.Follower;
        leader = currentLeader;
        softStateKnown = true;
        electionDeadline = tick + network.electionTimeoutTicks();
    }

    void tick(long tick, Instant now) {
        if (!running) {
            return;
        }
        if (consensusFault == Fault.CONSENSUS_STOPPED_WITH_ERR) {
            while (!now.isBefore(nextRestartAt)) {
                restartAttempt++;
                nextRestartAt = nextRestartAt.plusSeconds(backoffSeconds(restartAttempt));
            }
            return;
        }
        if (!working()) {
            return;
        }
        if (role == RaftRole.Leader) {
            if (tick >= nextHeartbeat) {
                broadcastHeartbeat(now);
                nextHeartbeat = tick + HEARTBEAT_TICKS;
            }
        } else if (membership.isVoter(id) && tick >= electionDeadline) {
            campaign(tick, now);
        }
    }

    void receive(RaftMessage message, long tick, Instant now) {
        if (!working() || !membership.contains(message.from())) {
            return;
        }
        lastUpdate = now;
        if (message instanceof RaftMessage.Append append) {
            onAppend(append, tick, now);
        } else if (message instanceof RaftMessage.AppendResponse response) {
            if (response.term() > term) {
                stepDown(response.term(), tick);
            } else if (role == RaftRole.Leader && response.success()
                    && membership.learners().contains(response.from())) {
                network.learnerCaughtUp(this, response.from());
            }
        } else if (message instanceof RaftMessage.VoteRequest request) {
            onVoteRequest(request, tick, now);
        } else if (message instanceof RaftMessage.VoteResponse response) {
            if (response.term() > term) {
                stepDown(response.term(), tick);
            } else if (role == RaftRole.Candidate && response.term() == term && response.granted()) {
                votes.add(response.from());
                if (votes.size() >= membership.quorum()) {
                    becomeLeader(tick, now);
                }
            }
        }
    }

    /** Applies committed entries: the commit index and the configuration they carry. */
    void applyCommitted(Membership committed, long committedIndex) {
        if (committedIndex > commit) {
            commit = committedIndex;
        }
        pending = 0;
        membership = committed;
        if (!committed.contains(id)) {
            // Applying its own removal stops the consensus thread; the node keeps only itself.
            removed = true;
            membership = Membership.solo(id, uri, true);
            pending = 1;
        }
    }

    void recordSendFailure(String targetUri, String error, Instant now) {
        sendFailures.merge(targetUri, SendFailure.first(error, now), (old, fresh) -> old.again(error, now));
    }

    void stop() {
        running = false;
    }

    /** A process restart: persisted term, commit and configuration survive; soft state and failures do not. */
    void restart(long tick, Instant now) {
        running = true;
        role = RaftRole.Follower;
        softStateKnown = false;
        leader = PeerId.NONE;
        votes.clear();
        sendFailures.clear();
        lastUpdate = now;
        electionDeadline = tick + network.electionTimeoutTicks();
        if (!removed) {
            pending = 0;
        }
        if (consensusFault == Fault.CONSENSUS_STOPPED_WITH_ERR) {
            startRestartLoop(now);
        }
    }

    void setConsensusFault(Fault fault, Instant now) {
        consensusFault = fault;
        if (fault == Fault.CONSENSUS_STOPPED_WITH_ERR) {
            pending = Math.max(pending, 1);
            startRestartLoop(now);
        }
    }

    void clearConsensusFault(long tick) {
        consensusFault = null;
        if (!removed) {
            pending = 0;
        }
        electionDeadline = tick + network.electionTimeoutTicks();
        nextHeartbeat = tick;
    }

    private void startRestartLoop(Instant now) {
        restartAttempt = 1;
        nextRestartAt = now.plus(Duration.ofSeconds(backoffSeconds(1)));
    }

    private static long backoffSeconds(int attempt) {
        return attempt > 9 ? MAX_BACKOFF_SECONDS : Math.min(1L << (attempt - 1), MAX_BACKOFF_SECONDS);
    }

    private void onAppend(RaftMessage.Append append, long tick, Instant now) {
        if (append.term() < term) {
            network.send(this, append.from(), new RaftMessage.AppendResponse(id, term, false), now);
            return;
        }
        if (append.term() > term) {
            term = append.term();
            votedFor = null;
        }
        role = RaftRole.Follower;
        leader = append.from();
        softStateKnown = true;
        electionDeadline = tick + network.electionTimeoutTicks();
        applyCommitted(append.membership(), append.commit());
        if (!removed) {
            network.send(this, append.from(), new RaftMessage.AppendResponse(id, term, true), now);
        }
    }

    private void onVoteRequest(RaftMessage.VoteRequest request, long tick, Instant now) {
        if (request.term() > term) {
            stepDown(request.term(), tick);
        }
        boolean grant = request.term() == term
                && (votedFor == null || votedFor.equals(request.from()))
                && request.commit() >= commit
                && membership.isVoter(id);
        if (grant) {
            votedFor = request.from();
            electionDeadline = tick + network.electionTimeoutTicks();
        }
        network.send(this, request.from(), new RaftMessage.VoteResponse(id, term, grant), now);
    }

    private void campaign(long tick, Instant now) {
        term++;
        role = RaftRole.Candidate;
        leader = PeerId.NONE;
        softStateKnown = true;
        votedFor = id;
        votes.clear();
        votes.add(id);
        electionDeadline = tick + network.electionTimeoutTicks();
        lastUpdate = now;
        if (votes.size() >= membership.quorum()) {
            becomeLeader(tick, now);
            return;
        }
        for (PeerId voter : membership.voters()) {
            if (!voter.equals(id)) {
                network.send(this, voter, new RaftMessage.VoteRequest(id, term, commit), now);
            }
        }
    }

    private void becomeLeader(long tick, Instant now) {
        role = RaftRole.Leader;
        leader = id;
        // A new leader commits an empty entry of its term.
        commit++;
        pending = 0;
        broadcastHeartbeat(now);
        nextHeartbeat = tick + HEARTBEAT_TICKS;
    }

    private void stepDown(long newTerm, long tick) {
        term = newTerm;
        votedFor = null;
        role = RaftRole.Follower;
        leader = PeerId.NONE;
        softStateKnown = true;
        electionDeadline = tick + network.electionTimeoutTicks();
    }

    private void broadcastHeartbeat(Instant now) {
        for (PeerId peer : membership.uris().keySet()) {
            if (!peer.equals(id)) {
                network.send(this, peer, new RaftMessage.Append(id, term, commit, membership), now);
            }
        }
    }
}
