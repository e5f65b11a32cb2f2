package io.qdrantvigil.sandbox.world;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetBuilder;
import java.time.Instant;
import java.util.Map;

/**
 * The Kubernetes shapes of the sandbox's Qdrant: a StatefulSet, its pods and a PodDisruptionBudget, as the
 * Qdrant Helm chart makes them.
 */
final class QdrantPods {

  static final String NAME = "qdrant";
  static final Map<String, String> LABELS = Map.of("app", "qdrant");
  static final String IMAGE = "qdrant/qdrant:v1.19.0";
  static final String POD_IP = "127.0.0.1";
  /** The kubelet stand-in probes this way whatever a spec says: every second, 2 s timeout, one failure. */
  static final Probe READYZ_PROBE = new ProbeBuilder()
      .withNewHttpGet().withPath("/readyz").withPort(new IntOrString("http")).endHttpGet()
      .withPeriodSeconds(1).withTimeoutSeconds(2).withFailureThreshold(1).withSuccessThreshold(1)
      .build();

  private QdrantPods() {}

  /** Without {@code readinessProbe} its pods are Ready as soon as they run, as Kubernetes has it. */
  static StatefulSet statefulSet(String namespace, int replicas, String podManagementPolicy, boolean readinessProbe) {
    StatefulSet set = new StatefulSetBuilder()
        .withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(LABELS).endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withPodManagementPolicy(podManagementPolicy)
        .withServiceName("qdrant-headless")
        .withNewSelector().withMatchLabels(LABELS).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(LABELS).endMetadata()
        .withNewSpec()
        .addNewContainer().withName(NAME).withImage(IMAGE)
        .addNewPort().withName("http").withContainerPort(6333).endPort()
        .addNewPort().withName("grpc").withContainerPort(6334).endPort()
        .addNewPort().withName("p2p").withContainerPort(6335).endPort()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
    if (readinessProbe) {
      set.getSpec().getTemplate().getSpec().getContainers().get(0).setReadinessProbe(READYZ_PROBE);
    }
    return set;
  }

  /** Whether the pod's container has a readiness probe (the kubelet stand-in's is always {@link #READYZ_PROBE}). */
  static boolean hasReadinessProbe(Pod pod) {
    return pod.getSpec().getContainers().get(0).getReadinessProbe() != null;
  }

  /** The Helm chart's optional budget: at most one of the set's pods unavailable at a time. */
  static PodDisruptionBudget disruptionBudget(String namespace) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(LABELS).endMetadata()
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector().withMatchLabels(LABELS).endSelector()
        .endSpec()
        .build();
  }

  /**
   * A pod of ordinal {@code ordinal} whose {@code http} port is the simulated node's loopback port, with the
   * readiness probe of {@code template}.
   */
  static Pod pod(StatefulSet owner, PodTemplateSpec template, int ordinal, int httpPort) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(NAME + "-" + ordinal)
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(LABELS)
        .addToLabels("statefulset.kubernetes.io/pod-name", NAME + "-" + ordinal)
        .addNewOwnerReference()
        .withApiVersion("apps/v1").withKind("StatefulSet").withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withHostname(NAME + "-" + ordinal)
        .withSubdomain("qdrant-headless")
        .addNewContainer().withName(NAME).withImage(IMAGE)
        .addNewPort().withName("http").withContainerPort(httpPort).endPort()
        .addNewPort().withName("grpc").withContainerPort(6334).endPort()
        .addNewPort().withName("p2p").withContainerPort(6335).endPort()
        .withReadinessProbe(template.getSpec().getContainers().get(0).getReadinessProbe())
        .endContainer()
        .endSpec()
        .build();
  }

  /** A started container; Ready as its readiness probe last said. */
  static PodStatus running(Instant now, boolean ready) {
    String time = now.toString();
    return new PodStatusBuilder()
        .withPhase("Running")
        .withPodIP(POD_IP)
        .withHostIP(POD_IP)
        .withStartTime(time)
        .addNewCondition().withType("Ready").withStatus(conditionStatus(ready)).withLastTransitionTime(time)
        .endCondition()
        .addNewCondition().withType("ContainersReady").withStatus(conditionStatus(ready))
        .withLastTransitionTime(time).endCondition()
        .withContainerStatuses(new ContainerStatusBuilder().withName(NAME).withImage(IMAGE).withReady(ready)
            .withStarted(true).withRestartCount(0).withNewState().withNewRunning().withStartedAt(time).endRunning()
            .endState().build())
        .build();
  }

  /** {@code status} with Ready, ContainersReady and the container's {@code ready} turned to {@code ready}. */
  static PodStatus withReadiness(PodStatus status, boolean ready, Instant now) {
    PodStatus changed = new PodStatusBuilder(status).build();
    changed.getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()) || "ContainersReady".equals(c.getType()))
        .forEach(c -> {
          c.setStatus(conditionStatus(ready));
          c.setLastTransitionTime(now.toString());
        });
    changed.getContainerStatuses().forEach(c -> c.setReady(ready));
    return changed;
  }

  private static String conditionStatus(boolean ready) {
    return ready ? "True" : "False";
  }

  static PodStatus pending() {
    return new PodStatusBuilder().withPhase("Pending")
        .addNewCondition().withType("Ready").withStatus("False").endCondition()
        .withContainerStatuses(new ContainerStatusBuilder().withName(NAME).withImage(IMAGE).withReady(false)
            .withRestartCount(0).withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting()
            .endState().build())
        .build();
  }

  /** The Ready condition alone, as Kubernetes' {@code IsPodReady} reads it. */
  static boolean hasReadyCondition(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static boolean isReady(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
        && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static int ordinalOf(String podName) {
    return Integer.parseInt(podName.substring(podName.lastIndexOf('-') + 1));
  }
}
