package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.data.DataAssessment;
import io.qdrantvigil.operator.data.DataMemo;
import io.qdrantvigil.operator.data.DataStates;
import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.discovery.PodFacts;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.ClusterVerdict;
import io.qdrantvigil.operator.health.NodeAssessment;
import io.qdrantvigil.operator.health.NodeFindings;
import io.qdrantvigil.operator.health.Problem;
import io.qdrantvigil.operator.qdrant.ClusterInfo;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assessments of pods qdrant-0..2 (StatefulSet {@code qdrant}, namespace {@code db}). Every node
 * that answers names all peers of {@link #PEERS}; {@link #knowingGone} also names {@link #GONE}, a
 * peer whose pod is gone.
 */
final class Clusters {

  static final String NAMESPACE = "db";
  static final String STATEFUL_SET = "qdrant";
  /** Peer 2 is above 2^63: it must survive as an unsigned 64-bit id. */
  static final List<PeerId> PEERS = List.of(PeerId.parse("5214719862031498"), PeerId.parse("8735617003849162"),
      PeerId.parse("17293822569102704642"));
  static final PeerId GONE = PeerId.parse("1187436102589467");

  private Clusters() {}

  static PeerId peer(int ordinal) {
    return PEERS.get(ordinal);
  }

  static NodeAssessment healthy(int ordinal) {
    return node(ordinal, false, false, url(ordinal));
  }

  static NodeAssessment leader(int ordinal) {
    return node(ordinal, false, true, url(ordinal));
  }

  static NodeAssessment failing(int ordinal) {
    return node(ordinal, true, false, url(ordinal));
  }

  static String url(int ordinal) {
    return "http://10.0.0." + (10 + ordinal) + ":6333";
  }

  /** A pod node answering at {@code url} (a failing one does not answer: it has no cluster view). */
  static NodeAssessment node(int ordinal, boolean failing, boolean leader, String url) {
    String name = "qdrant-" + ordinal;
    PodFacts pod = new PodFacts(NAMESPACE, name, STATEFUL_SET, url == null ? null : "10.0.0." + (10 + ordinal),
        null, "qdrant", 6333);
    return assessed(new NodeTarget(name, url, pod), peer(ordinal), failing, leader, false);
  }

  /**
   * A node that answered {@code /cluster} as a voter but is Failing for a later check (e.g.
   * {@code CollectionsFetchError}, {@code QdrantIssue}): it still votes.
   */
  static NodeAssessment failingButVoting(int ordinal, String errorType) {
    NodeAssessment answered = healthy(ordinal);
    List<Problem> problems = List.of(Problem.failing(answered.findings().target().name(), errorType, "failed", null));
    NodeFindings findings = new NodeFindings(answered.findings().target(), answered.findings().cluster(), "1.19.0",
        problems, List.of(), false);
    return new NodeAssessment(findings, problems, answered.peerId(), null, false);
  }

  /** A healthy node that says it is a learner ({@code is_voter: false}), not yet promoted. */
  static NodeAssessment learner(int ordinal) {
    NodeAssessment voter = healthy(ordinal);
    ClusterInfo cluster = voter.findings().cluster();
    ClusterInfo.RaftInfo raft = cluster.raft();
    ClusterInfo learning = new ClusterInfo(cluster.peerId(), cluster.peers(), new ClusterInfo.RaftInfo(raft.term(),
        raft.commit(), raft.pendingOperations(), raft.leader(), raft.role(), false), cluster.consensus(),
        cluster.messageSendFailures());
    NodeFindings findings = new NodeFindings(voter.findings().target(), learning, "1.19.0", List.of(), List.of(),
        false);
    return new NodeAssessment(findings, List.of(), voter.peerId(), null, false);
  }

  /** A healthy pod node whose peers map still names {@link #GONE}. */
  static NodeAssessment knowingGone(int ordinal) {
    NodeAssessment node = healthy(ordinal);
    return assessed(node.findings().target(), peer(ordinal), false, false, true);
  }

  /** A node outside Kubernetes, known by URL only. */
  static NodeAssessment external(int ordinal, String url) {
    return assessed(NodeTarget.ofUrl(url), peer(ordinal), false, false, false);
  }

  private static NodeAssessment assessed(NodeTarget target, PeerId peerId, boolean failing, boolean leader,
      boolean withGone) {
    ClusterInfo cluster = failing ? null : new ClusterInfo(peerId, peersMap(withGone),
        new ClusterInfo.RaftInfo(7, 100, 0, leader ? peerId : peer(0), leader ? "Leader" : "Follower"),
        new ClusterInfo.ConsensusStatus("working", null, null), Map.of());
    List<Problem> problems = failing
        ? List.of(Problem.failing(target.name(), "ConnectionError", "connection refused", null))
        : List.of();
    NodeFindings findings = new NodeFindings(target, cluster, "1.19.0", problems, List.of(), failing);
    return new NodeAssessment(findings, problems, peerId, null, leader);
  }

  private static Map<PeerId, String> peersMap(boolean withGone) {
    Map<PeerId, String> peers = new LinkedHashMap<>();
    for (int i = 0; i < PEERS.size(); i++) {
      peers.put(PEERS.get(i), "http://qdrant-" + i + ".qdrant-headless:6335/");
    }
    if (withGone) {
      peers.put(GONE, "http://qdrant-3.qdrant-headless:6335/");
    }
    return peers;
  }

  /** A data view read this poll that holds no collection. */
  static final DataAssessment NO_COLLECTIONS = new DataAssessment(DataStates.HEALTHY, List.of(), List.of(), List.of(),
      0, 0, 0, 0, Map.of(), Map.of(), Map.of(), DataMemo.EMPTY, null, List.of(), Set.of());

  static ClusterAssessment of(NodeAssessment... nodes) {
    List<NodeAssessment> list = Arrays.asList(nodes);
    int healthy = (int) list.stream().filter(n -> !n.failing()).count();
    PeerId leader = list.stream().filter(NodeAssessment::leader).map(NodeAssessment::peerId).findFirst().orElse(null);
    return new ClusterAssessment(ClusterVerdict.of(healthy, list.size(), leader != null), healthy, list.size(), leader,
        List.of(), list, new DiscoveryResult(DiscoveryResult.PODS, List.of(), null), NO_COLLECTIONS);
  }

  /** Three healthy pods, qdrant-0 the leader. */
  static ClusterAssessment healthyThree() {
    return of(leader(0), healthy(1), healthy(2));
  }
}
