package io.qdrantvigil.sandbox.qdrant;

/** raft-rs {@code StateRole}; PreCandidate never occurs because Qdrant leaves pre-vote off. */
enum RaftRole {
    Follower,
    Candidate,
    Leader
}
