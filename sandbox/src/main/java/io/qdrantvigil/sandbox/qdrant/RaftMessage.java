package io.qdrantvigil.sandbox.qdrant;

/** The Raft messages the simulation passes between nodes; each is delivered one tick after it is sent. */
sealed interface RaftMessage {

    PeerId from();

    long term();

    /** Heartbeat carrying the leader's commit index and configuration (entries are applied at once). */
    record Append(PeerId from, long term, long commit, Membership membership) implements RaftMessage {
    }

    record AppendResponse(PeerId from, long term, boolean success) implements RaftMessage {
    }

    record VoteRequest(PeerId from, long term, long commit) implements RaftMessage {
    }

    record VoteResponse(PeerId from, long term, boolean granted) implements RaftMessage {
    }
}
