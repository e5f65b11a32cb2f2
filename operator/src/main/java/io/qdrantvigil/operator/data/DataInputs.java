package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;
import io.qdrantvigil.operator.probe.NodeObservation;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What the data view takes from the node verdict: where to read it from, and who is up and named what. */
public final class DataInputs {

  private DataInputs() {}

  /** The healthy nodes that answered {@code /cluster}, in poll order, with the collections their probe listed. */
  public static List<DataSource> sources(ClusterAssessment nodes, List<NodeObservation> observations) {
    Map<String, NodeObservation> byName = new HashMap<>();
    observations.forEach(o -> byName.put(o.target().name(), o));
    return nodes.nodes().stream()
        .filter(n -> !n.failing() && n.findings().cluster() != null && n.findings().target().url() != null)
        .map(n -> {
          NodeObservation o = byName.get(n.findings().target().name());
          List<String> names = o == null || o.collections() == null ? List.of()
              : CollectionNames.of(o.collections().valueOrNull());
          return new DataSource(n.findings().target().name(), n.findings().target().url(), n.peerId(),
              n.findings().version(), names);
        })
        .toList();
  }

  /** The agreed leader's node when it is healthy, else null (the first healthy node is used). */
  public static String preferredNode(ClusterAssessment nodes) {
    return nodes.nodes().stream().filter(n -> n.leader() && !n.failing())
        .map(n -> n.findings().target().name()).findFirst().orElse(null);
  }

  public static DataContext context(ClusterAssessment nodes, Map<String, Integer> factors, Duration stuckAfter,
      Instant now) {
    Set<PeerId> down = new HashSet<>();
    Map<PeerId, String> nodeNames = new HashMap<>();
    Map<PeerId, String> podNames = new HashMap<>();
    for (NodeAssessment n : nodes.nodes()) {
      NodeTarget target = n.findings().target();
      if (n.peerId() == null) {
        continue;
      }
      nodeNames.put(n.peerId(), target.name());
      if (target.pod() != null) {
        podNames.put(n.peerId(), target.pod().name());
      }
      if (n.findings().unreachable() || (target.pod() != null && !target.pod().runningAndReady())) {
        down.add(n.peerId());
      }
    }
    Set<PeerId> discovered = new HashSet<>(nodeNames.keySet());
    boolean everyPodIdentified = nodes.nodes().stream().allMatch(n -> n.peerId() != null);
    return new DataContext(membership(nodes), down, nodeNames, podNames,
        DiscoveryResult.PODS.equals(nodes.discovery().tier()), discovered, everyPodIdentified, factors, stuckAfter,
        now);
  }

  /** The Raft membership as the agreed leader's node tells it, else as the first healthy node does. */
  private static Set<PeerId> membership(ClusterAssessment nodes) {
    return nodes.nodes().stream()
        .filter(n -> !n.failing() && n.findings().cluster() != null)
        .sorted((a, b) -> Boolean.compare(b.leader(), a.leader()))
        .map(n -> n.findings().cluster().membership())
        .filter(Objects::nonNull)
        .findFirst().orElse(Set.of());
  }
}
