package io.qdrantvigil.operator.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import io.qdrantvigil.sandbox.world.SandboxWorld;
import java.util.UUID;

/** One test's world: a fresh namespace with a simulated Qdrant StatefulSet, and a watch over it. */
final class SandboxCase implements AutoCloseable {

  final KubernetesClient client;
  final SimulatedCluster cluster;
  final SandboxWorld world;
  final String namespace;

  SandboxCase(KubernetesClient client, ClusterOptions options) {
    this.client = client;
    this.namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
    this.cluster = SimulatedCluster.start(options);
    // The manual clock: pods Ready when they run, not when a restarted node's /readyz catches up.
    this.world = SandboxWorld.create(client, cluster, namespace,
        SandboxWorld.Options.defaults().withoutReadinessProbe());
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

  static QdrantClusterWatchSpec spec(String interval, String timeout) {
    return new QdrantClusterWatchSpec(null, null, null, interval, timeout, null, null, null);
  }

  @Override
  public void close() {
    world.close();
    cluster.close();
    client.namespaces().withName(namespace).delete();
  }
}
