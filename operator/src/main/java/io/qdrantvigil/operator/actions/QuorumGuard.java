package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;
import io.qdrantvigil.operator.qdrant.ClusterInfo;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Raft quorum counted on reachable voters: a node is one when it answered {@code /cluster} as a
 * voter, whatever else is wrong with it (a node Failing for its collections or a Qdrant issue still
 * votes). The membership's voters are its peers less the learners that said so; a peer that did
 * not answer counts as a voter, which can only make the guard stricter.
 */
final class QuorumGuard {

  private final Set<PeerId> reachableVoters;
  private final int voters;

  QuorumGuard(ClusterAssessment assessment, Set<PeerId> membership) {
    this.reachableVoters = assessment.nodes().stream().filter(QuorumGuard::reachableVoter)
        .map(NodeAssessment::peerId).filter(Objects::nonNull).collect(Collectors.toSet());
    long learners = assessment.nodes().stream()
        .filter(n -> n.findings().cluster() != null && !n.findings().cluster().raft().voter())
        .map(NodeAssessment::peerId).filter(membership::contains).distinct().count();
    this.voters = membership.size() - (int) learners;
  }

  static boolean reachableVoter(NodeAssessment node) {
    ClusterInfo cluster = node.findings().cluster();
    return cluster != null && cluster.raft() != null && cluster.raft().voter();
  }

  /** Refused when taking {@code node} away would leave fewer reachable voters than a strict majority. */
  void disrupt(NodeAssessment node, String doing) throws ActionRefused {
    if (!reachableVoters.contains(node.peerId())) {
      return;
    }
    int after = reachableVoters.size() - 1;
    int majority = voters / 2 + 1;
    if (after < majority) {
      throw new ActionRefused(doing + " would leave " + after + " reachable Raft voters, fewer than a strict"
          + " majority (" + majority + " of " + voters + " voters); add ';force' to do it anyway");
    }
  }

  /** A voter removed from the membership lowers the majority too: refused when the rest still falls short. */
  void remove(PeerId peer, String doing) throws ActionRefused {
    if (!reachableVoters.contains(peer)) {
      return;
    }
    int after = reachableVoters.size() - 1;
    int majority = (voters - 1) / 2 + 1;
    if (after < majority) {
      throw new ActionRefused(doing + " would leave " + after + " reachable Raft voters, fewer than a strict"
          + " majority (" + majority + " of the " + (voters - 1) + " voters left); add ';force' to do it anyway");
    }
  }
}
