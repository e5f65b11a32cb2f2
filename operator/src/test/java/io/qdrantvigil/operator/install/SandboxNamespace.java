package io.qdrantvigil.operator.install;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import io.qdrantvigil.sandbox.world.SandboxWorld;
import java.util.UUID;

/**
 * A fresh namespace on the shared apiserver, with simulated Qdrant pods ({@link #withQdrant}) or
 * without any ({@link #empty}), and watches in it.
 */
final class SandboxNamespace implements AutoCloseable {

  final KubernetesClient client;
  final String namespace;
  /** Null for an empty namespace. */
  final SimulatedCluster cluster;
  private final SandboxWorld world;

  private SandboxNamespace(KubernetesClient client, String prefix, ClusterOptions options) {
    this.client = client;
    this.namespace = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    if (options == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
          .build()).create();
      this.cluster = null;
      this.world = null;
    } else {
      this.cluster = SimulatedCluster.start(options);
      // The manual clock: pods Ready when they run, not when a restarted node's /readyz catches up.
      this.world = SandboxWorld.create(client, cluster, namespace,
          SandboxWorld.Options.defaults().withoutReadinessProbe());
    }
  }

  /** Three simulated Qdrant nodes as the pods of StatefulSet {@code qdrant}. */
  static SandboxNamespace withQdrant(KubernetesClient client, String prefix) {
    return withQdrant(client, prefix, ClusterOptions.defaults());
  }

  static SandboxNamespace withQdrant(KubernetesClient client, String prefix, ClusterOptions options) {
    return new SandboxNamespace(client, prefix, options);
  }

  /** A namespace with no pods at all. */
  static SandboxNamespace empty(KubernetesClient client, String prefix) {
    return new SandboxNamespace(client, prefix, null);
  }

  /** A watch with the default selector, {@code interval} and a 2 s timeout. */
  QdrantClusterWatch createWatch(String name, String interval) {
    return createWatch(name, new QdrantClusterWatchSpec(null, null, null, interval, "2s", null, null, null));
  }

  QdrantClusterWatch createWatch(String name, QdrantClusterWatchSpec spec) {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName(name);
    watch.getMetadata().setNamespace(namespace);
    watch.setSpec(spec);
    return client.resources(QdrantClusterWatch.class).inNamespace(namespace).resource(watch).create();
  }

  QdrantClusterWatch watch(String name) {
    return client.resources(QdrantClusterWatch.class).inNamespace(namespace).withName(name).get();
  }

  QdrantClusterWatchStatus status(String name) {
    QdrantClusterWatch watch = watch(name);
    return watch == null ? null : watch.getStatus();
  }

  String clusterStatus(String name) {
    QdrantClusterWatchStatus status = status(name);
    return status == null ? null : status.clusterStatus();
  }

  /**
   * Deletes the watches first: with no namespace controller the namespace never finishes
   * terminating, and a watch left in it would be polled by every later operator of this JVM.
   */
  @Override
  public void close() {
    client.resources(QdrantClusterWatch.class).inNamespace(namespace).delete();
    if (world != null) {
      world.close();
      cluster.close();
    }
    client.namespaces().withName(namespace).delete();
  }
}
