package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.discovery.PodFacts;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;
import io.qdrantvigil.operator.qdrant.ClusterInfo;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Confinement: what a watch may act on, from its latest poll. Its pods, the peer ids of its
 * cluster's membership (every node's own id and every peer any node names), and the StatefulSets
 * owning its pods. Anything else is refused by name.
 */
public final class ClusterScope {

  private final ClusterAssessment assessment;
  private final Set<PeerId> membership = new TreeSet<>();

  public ClusterScope(ClusterAssessment assessment) {
    this.assessment = assessment;
    for (NodeAssessment node : assessment.nodes()) {
      if (node.peerId() != null) {
        membership.add(node.peerId());
      }
      ClusterInfo cluster = node.findings().cluster();
      if (cluster != null) {
        membership.addAll(cluster.membership());
      }
    }
  }

  public Set<PeerId> membership() {
    return Set.copyOf(membership);
  }

  public NodeAssessment pod(String name) throws ActionRefused {
    return podNode(name).orElseThrow(() -> new ActionRefused(
        "pod '" + name + "' is not a pod of this watch (pods: " + podNames() + ")"));
  }

  public PeerId member(PeerId peer) throws ActionRefused {
    if (!membership.contains(peer)) {
      throw new ActionRefused("peer " + peer + " is not in this cluster's membership");
    }
    return peer;
  }

  public String statefulSet(String name) throws ActionRefused {
    boolean owns = assessment.nodes().stream().map(ClusterScope::pod).filter(Objects::nonNull)
        .anyMatch(p -> name.equals(p.statefulSet()));
    if (!owns) {
      throw new ActionRefused("StatefulSet '" + name + "' owns none of this watch's pods");
    }
    return name;
  }

  /** A node named by pod name, else by peer id, that the operator can send a request to. */
  public NodeAssessment node(String podOrPeerId) throws ActionRefused {
    Optional<NodeAssessment> node = podNode(podOrPeerId).or(() -> byPeerId(podOrPeerId));
    if (node.isEmpty()) {
      throw new ActionRefused("'" + podOrPeerId + "' is neither a pod of this watch nor the peer id of one of its nodes");
    }
    if (node.get().findings().target().url() == null) {
      throw new ActionRefused("node '" + node.get().findings().target().name() + "' has no address yet (pod without IP)");
    }
    return node.get();
  }

  private Optional<NodeAssessment> podNode(String name) {
    return assessment.nodes().stream().filter(n -> pod(n) != null && name.equals(pod(n).name())).findFirst();
  }

  private Optional<NodeAssessment> byPeerId(String text) {
    PeerId peer;
    try {
      peer = PeerId.parse(text);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return assessment.nodes().stream().filter(n -> peer.equals(n.peerId())).findFirst();
  }

  private String podNames() {
    return String.join(", ", assessment.nodes().stream().map(ClusterScope::pod).filter(Objects::nonNull)
        .map(PodFacts::name).toList());
  }

  private static PodFacts pod(NodeAssessment node) {
    return node.findings().target().pod();
  }
}
