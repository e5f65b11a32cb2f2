package io.qdrantvigil.sandbox.qdrant;

/** What can go wrong with one simulated node; several can hold at once. */
public enum Fault {
    /** The process is down: its port refuses connections; it stays a Raft member, unreachable. */
    STOPPED,
    /** Accepts the connection and reads the request, never answers (until healed). */
    HUNG,
    /** Answers after a fixed real-time delay. */
    SLOW,
    /** Every request fails with Qdrant's 500 error wrapper. */
    HTTP_500,
    /** A proxy in front answers with an HTML error page (502 by default, or 200). */
    NON_JSON,
    /** {@code GET /cluster} answers a valid body of several megabytes, streamed. */
    HUGE_BODY,
    /** The node runs in standalone mode: {@code /cluster} says {@code disabled}. */
    CLUSTER_DISABLED,
    /** The consensus thread stopped cleanly; Raft state is frozen. */
    CONSENSUS_STOPPED,
    /** The consensus thread fails applying an entry and restarts with back-off, as in 1.19. */
    CONSENSUS_STOPPED_WITH_ERR,
    /** Cut off from every other node's p2p port; its HTTP port still answers. */
    PARTITIONED,
    /** {@code GET /collections} and {@code GET /collections/{name}} fail with 500. */
    COLLECTIONS_FAILING,
    /** {@code GET /issues} reports issues. */
    ISSUES,
    /** {@code GET /} reports another version; below 1.17 there is no {@code /cluster/telemetry}. */
    VERSION,
    /** Shard transfers this node is the source or target of make no progress. */
    TRANSFER_STALLED,
    /** This node's {@code /collections/{n}/cluster} shows other replica states than the rest of the cluster. */
    DIVERGENT_VIEW,
    /** The named collection (value) exists in consensus but not on this node. */
    COLLECTION_MISSING,
    /** {@code GET /cluster/telemetry} answers 500 here, and this node answers no peer's telemetry call. */
    TELEMETRY_FAILING
}
