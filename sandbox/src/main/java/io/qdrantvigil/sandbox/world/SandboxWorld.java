package io.qdrantvigil.sandbox.world;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import java.time.Duration;
import java.util.List;

/**
 * A world to act on: a namespace with a StatefulSet {@code qdrant} whose pods {@code qdrant-0..N-1}
 * (labelled {@code app=qdrant}, podIP 127.0.0.1, container port {@code http} = the simulated node's
 * port) stand for the simulated nodes, and a PodDisruptionBudget {@code qdrant} ({@code maxUnavailable: 1},
 * policy/v1beta1). A StatefulSet controller with a kubelet stand-in keeps the pods alive and (with the
 * readiness probe, by default) Ready as their nodes' {@code /readyz} says; a disruption controller keeps the budget's status true, so the
 * apiserver's Eviction API honours it.
 */
public final class SandboxWorld implements AutoCloseable {

  public static final Duration DEFAULT_START_DELAY = Duration.ofMillis(500);

  /** {@code spec.podManagementPolicy}; the Qdrant Helm chart's default is {@link #Parallel}. */
  public enum PodManagement { OrderedReady, Parallel }

  /**
   * How the world is made. {@code startDelay}: how long a new pod stays Pending before it is Running.
   * {@code readinessProbe}: whether the pods probe their node's {@code /readyz} (as the Helm chart's do) or
   * are Ready as soon as they run; on a manual clock a restarted node is ready only once the test moves time.
   */
  public record Options(Duration startDelay, PodManagement podManagement, boolean readinessProbe) {

    /** As the Qdrant Helm chart: Parallel, with the {@code /readyz} readiness probe. */
    public static Options defaults() {
      return new Options(DEFAULT_START_DELAY, PodManagement.Parallel, true);
    }

    public Options withStartDelay(Duration delay) {
      return new Options(delay, podManagement, readinessProbe);
    }

    public Options withPodManagement(PodManagement policy) {
      return new Options(startDelay, policy, readinessProbe);
    }

    public Options withoutReadinessProbe() {
      return new Options(startDelay, podManagement, false);
    }
  }

  private final KubernetesClient client;
  private final String namespace;
  private final StatefulSetController controller;
  private final DisruptionController disruption;

  private SandboxWorld(KubernetesClient client, String namespace, StatefulSetController controller,
      DisruptionController disruption) {
    this.client = client;
    this.namespace = namespace;
    this.controller = controller;
    this.disruption = disruption;
  }

  public static SandboxWorld create(KubernetesClient client, SimulatedCluster cluster, String namespace) {
    return create(client, cluster, namespace, Options.defaults());
  }

  /** {@code startDelay}: how long a new pod stays Pending before it is Running. */
  public static SandboxWorld create(KubernetesClient client, SimulatedCluster cluster, String namespace,
      Duration startDelay) {
    return create(client, cluster, namespace, Options.defaults().withStartDelay(startDelay));
  }

  public static SandboxWorld create(KubernetesClient client, SimulatedCluster cluster, String namespace,
      Options options) {
    if (client.namespaces().withName(namespace).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
    StatefulSet set = client.apps().statefulSets().inNamespace(namespace)
        .resource(QdrantPods.statefulSet(namespace, cluster.nodes().size(), options.podManagement().name(),
            options.readinessProbe())).create();
    client.policy().v1beta1().podDisruptionBudget().inNamespace(namespace)
        .resource(QdrantPods.disruptionBudget(namespace)).create();
    StatefulSetController controller = new StatefulSetController(client, cluster, namespace,
        options.startDelay());
    controller.createInitialPods(set);
    controller.start();
    DisruptionController disruption = new DisruptionController(client, namespace);
    disruption.start();
    return new SandboxWorld(client, namespace, controller, disruption);
  }

  public String namespace() {
    return namespace;
  }

  public List<Pod> pods() {
    return client.pods().inNamespace(namespace).withLabels(QdrantPods.LABELS).list().getItems();
  }

  @Override
  public void close() {
    disruption.close();
    controller.close();
  }
}
