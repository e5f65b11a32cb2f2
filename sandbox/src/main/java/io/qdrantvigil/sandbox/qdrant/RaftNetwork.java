package io.qdrantvigil.sandbox.qdrant;

import java.time.Instant;

/** What a Raft node needs from the simulated cluster around it. */
interface RaftNetwork {

    /** Sends a message over p2p: queued for the next tick, or recorded as a send failure at once. */
    void send(RaftNode from, PeerId to, RaftMessage message, Instant now);

    /** A fresh randomised election timeout: 20–39 ticks of 100 ms, as raft-rs with Qdrant's defaults. */
    long electionTimeoutTicks();

    /** The leader heard from a caught-up learner; the cluster may promote it to voter. */
    void learnerCaughtUp(RaftNode leader, PeerId learner);
}
