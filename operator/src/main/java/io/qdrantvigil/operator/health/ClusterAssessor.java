package io.qdrantvigil.operator.health;

import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.probe.NodeObservation;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Runs the rules over one poll's observations: per-node checks, send failures, split, leader, verdict. */
public final class ClusterAssessor {

  /**
   * Failing before Warning, then by check order (a node's own connection failure before the send
   * failures and splits it causes on others); stable, so nodes keep their order within a rank.
   */
  static final Comparator<Problem> ROOT_CAUSE_FIRST =
      Comparator.comparing((Problem p) -> !p.failing()).thenComparing(CheckOrder.BY_CHECK);

  private ClusterAssessor() {}

  public static ClusterAssessment assess(DiscoveryResult discovery, List<NodeObservation> observations) {
    List<NodeFindings> findings = observations.stream().map(NodeChecks::check).toList();

    Map<String, List<Problem>> problems = new LinkedHashMap<>();
    for (NodeFindings f : findings) {
      List<Problem> own = new ArrayList<>(f.problems());
      own.addAll(SendFailureAttribution.problems(f, findings));
      problems.put(f.target().name(), own);
    }

    Map<String, Set<PeerId>> memberships = new LinkedHashMap<>();
    findings.stream().filter(f -> f.cluster() != null)
        .forEach(f -> memberships.put(f.target().name(), f.cluster().membership()));
    MembershipSplit.detect(memberships).problems().forEach(p -> problems.get(p.node()).add(p));

    List<LeaderAgreement.RaftView> raftViews = findings.stream().filter(f -> f.cluster() != null)
        .map(f -> new LeaderAgreement.RaftView(f.target().name(), f.cluster().raft(), f.cluster().peerId(),
            problems.get(f.target().name()).stream().noneMatch(Problem::failing)))
        .toList();
    LeaderAgreement.Result leadership = LeaderAgreement.decide(raftViews);
    leadership.problems().forEach(p -> problems.get(p.node()).add(p));
    PeerId leader = leadership.leader();

    List<NodeAssessment> nodes = new ArrayList<>();
    for (NodeFindings f : findings) {
      List<Problem> own = problems.get(f.target().name()).stream().sorted(CheckOrder.BY_CHECK).toList();
      PeerId peerId = f.cluster() != null ? f.cluster().peerId() : peerIdFromOthers(f, findings);
      String peerUri = f.cluster() != null ? f.cluster().ownPeerUri() : null;
      nodes.add(new NodeAssessment(f, own, peerId, peerUri, leader != null && leader.equals(peerId)));
    }

    int total = nodes.size();
    int healthy = (int) nodes.stream().filter(n -> !n.failing()).count();
    List<Problem> warnings = new ArrayList<>(nodes.stream()
        .flatMap(n -> n.problems().stream().filter(Problem::warning))
        .sorted(ROOT_CAUSE_FIRST)
        .toList());
    if (total == 0) {
      warnings.add(Problem.failing(null, WarningTypes.NO_NODES, discovery.message(), null));
    } else if (healthy > 0 && leader == null) {
      warnings.add(Problem.warning(null, WarningTypes.NO_LEADER,
          "the healthy nodes agree on no Raft leader (election in progress, lost quorum, or conflicting views)", null));
    }
    discovery.skippedEntries().forEach(entry -> warnings.add(Problem.warning(null, WarningTypes.INVALID_NODE_ENTRY,
        "QDRANT_NODES entry '" + entry + "' is not a valid host:port; skipped", null)));
    return new ClusterAssessment(ClusterVerdict.of(healthy, total, leader != null), healthy, total, leader,
        warnings, nodes, discovery);
  }

  /** A node that did not answer is still named in the others' peers maps; find its id there. */
  private static PeerId peerIdFromOthers(NodeFindings silent, List<NodeFindings> all) {
    return all.stream()
        .map(NodeFindings::cluster)
        .filter(Objects::nonNull)
        .flatMap(c -> c.peers().entrySet().stream())
        .filter(e -> PeerAddressing.sameNode(e.getValue(), silent.target()))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }
}
