package io.qdrantvigil.operator.qdrant;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What one node's {@code GET /cluster} says, for a node with the cluster enabled. */
public record ClusterInfo(
    PeerId peerId,
    Map<PeerId, String> peers,
    RaftInfo raft,
    ConsensusStatus consensus,
    Map<String, SendFailure> messageSendFailures) {

  /** The membership this node believes in: the peers map plus itself. */
  public Set<PeerId> membership() {
    Set<PeerId> members = new TreeSet<>(peers.keySet());
    members.add(peerId);
    return members;
  }

  /** The node's own p2p URI from its peers map, or null when the map lacks it. */
  public String ownPeerUri() {
    return peers.get(peerId);
  }

  /**
   * {@code leader} may be null (just started) or 0 (election): both mean "no leader". {@code voter}
   * is Qdrant's {@code is_voter}: false for a learner not yet promoted; true when a Qdrant too old to
   * say leaves it out.
   */
  public record RaftInfo(long term, long commit, long pendingOperations, PeerId leader, String role, boolean voter) {

    public RaftInfo(long term, long commit, long pendingOperations, PeerId leader, String role) {
      this(term, commit, pendingOperations, leader, role, true);
    }

    public boolean knowsLeader() {
      return leader != null && !leader.isNone();
    }

    public boolean claimsLeadership() {
      return "Leader".equals(role);
    }
  }

  /** {@code state} is working, stopped or stopped_with_err; {@code lastUpdate} only when working. */
  public record ConsensusStatus(String state, Instant lastUpdate, String error) {
    public boolean stopped() {
      return "stopped".equals(state) || "stopped_with_err".equals(state);
    }
  }

  public record SendFailure(long count, String latestError, Instant latestErrorTimestamp) {}
}
