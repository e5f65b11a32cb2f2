package io.qdrantvigil.operator.discovery;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.qdrantvigil.operator.spec.WatchSettings;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The contract's discovery tiers, tried in order every poll: pods matching the selector, else
 * {@code spec.nodes}, else the operator's {@code QDRANT_NODES}, else none.
 */
public final class NodeDiscovery {

  private NodeDiscovery() {}

  public static DiscoveryResult discover(WatchSettings settings, List<Pod> matchingPods, String qdrantNodesEnv) {
    if (!matchingPods.isEmpty()) {
      List<NodeTarget> targets = matchingPods.stream()
          .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
          .map(pod -> NodeTarget.ofPod(facts(pod, settings)))
          .toList();
      return new DiscoveryResult(DiscoveryResult.PODS, targets, null);
    }
    if (!settings.nodes().isEmpty()) {
      return new DiscoveryResult(DiscoveryResult.STATIC, settings.nodes().stream().map(NodeTarget::ofUrl).toList(), null);
    }
    QdrantNodesEnv env = QdrantNodesEnv.parse(qdrantNodesEnv);
    if (!env.urls().isEmpty()) {
      return new DiscoveryResult(DiscoveryResult.ENV, env.urls().stream().map(NodeTarget::ofUrl).toList(), null,
          env.invalid());
    }
    return new DiscoveryResult(DiscoveryResult.NONE, List.of(),
        "no Qdrant node found: no pod matches the selector in this namespace, spec.nodes is empty, "
            + "and the operator has no QDRANT_NODES", env.invalid());
  }

  static PodFacts facts(Pod pod, WatchSettings settings) {
    Container container = chooseContainer(pod, settings.container());
    String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    return new PodFacts(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), statefulSetOf(pod),
        ip == null || ip.isBlank() ? null : ip, notRunningReason(pod),
        container == null ? settings.container() : container.getName(), port(container, settings));
  }

  private static Container chooseContainer(Pod pod, String wanted) {
    List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
    if (containers.isEmpty()) {
      return null;
    }
    String name = wanted == null ? "qdrant" : wanted;
    return containers.stream().filter(c -> name.equals(c.getName())).findFirst().orElse(containers.get(0));
  }

  /** An explicit {@code spec.port} wins; else the container port named {@code http}; else 6333. */
  private static int port(Container container, WatchSettings settings) {
    if (settings.port() != null) {
      return settings.port();
    }
    if (container != null && container.getPorts() != null) {
      for (ContainerPort port : container.getPorts()) {
        if ("http".equals(port.getName()) && port.getContainerPort() != null) {
          return port.getContainerPort();
        }
      }
    }
    return WatchSettings.DEFAULT_PORT;
  }

  private static String statefulSetOf(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    if (owners == null) {
      return null;
    }
    return owners.stream().filter(o -> "StatefulSet".equals(o.getKind())).map(OwnerReference::getName)
        .findFirst().orElse(null);
  }

  static String notRunningReason(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return "Terminating";
    }
    var status = pod.getStatus();
    String phase = status == null || status.getPhase() == null ? "Unknown" : status.getPhase();
    if (!"Running".equals(phase)) {
      return waitingReason(pod).map(r -> phase + " (" + r + ")").orElse(phase);
    }
    boolean ready = status.getConditions() != null && status.getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    if (!ready) {
      return waitingReason(pod).map(r -> "Running, not ready (" + r + ")").orElse("Running, not ready");
    }
    return null;
  }

  private static Optional<String> waitingReason(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .map(ContainerStatus::getState)
        .filter(Objects::nonNull)
        .map(s -> s.getWaiting() == null ? null : s.getWaiting().getReason())
        .filter(Objects::nonNull)
        .findFirst();
  }
}
