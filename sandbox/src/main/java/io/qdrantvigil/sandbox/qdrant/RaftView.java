package io.qdrantvigil.sandbox.qdrant;

import java.util.Set;

/**
 * One node's Raft state as its {@code GET /cluster} would report it. {@code leader} and {@code role} are
 * null right after start (no soft state yet); {@code leader} is {@code "0"} while no leader is known.
 * {@code consensus} is {@code working}, {@code stopped} or {@code stopped_with_err}; {@code peers} are the
 * peer ids this node sees, itself included.
 */
public record RaftView(long term, long commit, long pendingOperations, String leader, String role,
                       boolean voter, String consensus, Set<String> peers) {
}
