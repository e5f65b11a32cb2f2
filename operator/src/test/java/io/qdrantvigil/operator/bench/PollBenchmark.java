package io.qdrantvigil.operator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.probe.ClusterProbe;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import io.qdrantvigil.sandbox.kube.CrdInstaller;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import io.qdrantvigil.sandbox.world.SandboxWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints measured figures (nothing asserted): poll wall time with one hung node of 3 and with 5 hung
 * of 50, status writes per minute of a steady Healthy watch and of a steady Degraded one (one node
 * stopped) polled every 5 s, and pod deletion to Degraded.
 * Run with {@code make bench}; the argument is the CRD file to install.
 */
public final class PollBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PollBenchmark() {}

  public static void main(String[] args) throws Exception {
    pollWallTime();
    try (KubeApiServer server = KubeApiServer.start(Files.createTempDirectory("vigil-bench"));
        KubernetesClient client = server.newClient()) {
      CrdInstaller.install(client, Path.of(args[0]));
      try (VigilOperator operator = new VigilOperator(client,
          new OperatorSettings(0, Set.of(), null, false, "default", "bench"))) {
        steadyWrites(client);
        podDeletionToDegraded(client);
      }
    }
    System.exit(0);
  }

  private static void pollWallTime() {
    try (SimulatedCluster cluster = SimulatedCluster.start(ClusterOptions.defaults());
        QdrantClient qdrant = new QdrantClient()) {
      ClusterProbe probe = new ClusterProbe(qdrant);
      List<NodeTarget> targets = cluster.nodes().stream().map(n -> NodeTarget.ofUrl(n.url())).toList();
      probe.probe(targets, Duration.ofSeconds(2), null);
      report("poll of 3 healthy nodes (ms)", time(() -> probe.probe(targets, Duration.ofSeconds(2), null), 20));
      cluster.node(1).setFault(Fault.HUNG);
      report("poll of 3 nodes, one hung, timeout 2 s (ms)",
          time(() -> probe.probe(targets, Duration.ofSeconds(2), null), 5));
    }
    try (SimulatedCluster cluster = SimulatedCluster.start(ClusterOptions.defaults().withNodes(50));
        QdrantClient qdrant = new QdrantClient()) {
      ClusterProbe probe = new ClusterProbe(qdrant);
      List<NodeTarget> targets = cluster.nodes().stream().map(n -> NodeTarget.ofUrl(n.url())).toList();
      probe.probe(targets, Duration.ofSeconds(2), null);
      for (int ordinal = 0; ordinal < 5; ordinal++) {
        cluster.node(ordinal * 10).setFault(Fault.HUNG);
      }
      report("poll of 50 static nodes, 5 hung, timeout 2 s (ms)",
          time(() -> probe.probe(targets, Duration.ofSeconds(2), null), 5));
    }
  }

  /** The Healthy and the Degraded watch are measured side by side, in namespaces of their own. */
  private static void steadyWrites(KubernetesClient client) throws Exception {
    Duration window = Duration.ofSeconds(125);
    try (SimulatedCluster healthy = SimulatedCluster.start(ClusterOptions.defaults());
        SandboxWorld healthyWorld = SandboxWorld.create(client, healthy, "bench-steady");
        SimulatedCluster degraded = SimulatedCluster.start(ClusterOptions.defaults());
        SandboxWorld degradedWorld = SandboxWorld.create(client, degraded, "bench-degraded")) {
      create(client, "bench-steady", "5s");
      create(client, "bench-degraded", "5s");
      awaitClusterStatus(client, "bench-steady", "Healthy", Duration.ofSeconds(60));
      awaitClusterStatus(client, "bench-degraded", "Healthy", Duration.ofSeconds(60));
      degraded.node(1).setFault(Fault.STOPPED);
      awaitClusterStatus(client, "bench-degraded", "Degraded", Duration.ofSeconds(60));
      AtomicInteger healthyWrites = new AtomicInteger();
      AtomicInteger degradedWrites = new AtomicInteger();
      try (Watch a = client.resources(QdrantClusterWatch.class).inNamespace("bench-steady").withName("prod")
          .watch(counting(healthyWrites));
          Watch b = client.resources(QdrantClusterWatch.class).inNamespace("bench-degraded").withName("prod")
              .watch(counting(degradedWrites))) {
        new CountDownLatch(1).await(window.toSeconds(), TimeUnit.SECONDS);
      }
      System.out.printf("steady Healthy watch, interval 5s: %d status writes in %d s = %.2f per minute%n",
          healthyWrites.get(), window.toSeconds(), healthyWrites.get() * 60.0 / window.toSeconds());
      System.out.printf("steady Degraded watch (one node stopped), interval 5s: %d status writes in %d s"
          + " = %.2f per minute%n", degradedWrites.get(), window.toSeconds(),
          degradedWrites.get() * 60.0 / window.toSeconds());
    }
  }

  private static void podDeletionToDegraded(KubernetesClient client) throws Exception {
    try (SimulatedCluster cluster = SimulatedCluster.start(ClusterOptions.defaults());
        SandboxWorld world = SandboxWorld.create(client, cluster, "bench-delete", Duration.ofSeconds(5))) {
      create(client, "bench-delete", "120s");
      List<Long> millis = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        awaitClusterStatus(client, "bench-delete", "Healthy", Duration.ofSeconds(60));
        long start = System.nanoTime();
        client.pods().inNamespace("bench-delete").withName("qdrant-1").delete();
        awaitClusterStatus(client, "bench-delete", "Degraded", Duration.ofSeconds(60));
        millis.add((System.nanoTime() - start) / 1_000_000);
      }
      report("pod deleted -> status Degraded, interval 120s (ms)", millis);
    }
  }

  /** Counts the writes and prints which status fields each one changed, so a figure can be explained. */
  private static Watcher<QdrantClusterWatch> counting(AtomicInteger writes) {
    return new Watcher<>() {
      private JsonNode previous;

      @Override
      public synchronized void eventReceived(Action action, QdrantClusterWatch resource) {
        JsonNode status = JSON.valueToTree(resource.getStatus());
        if (action == Action.MODIFIED) {
          writes.incrementAndGet();
          System.out.printf("  write in %s changed: %s%n", resource.getMetadata().getNamespace(),
              changedFields(previous, status));
        }
        previous = status;
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    };
  }

  private static List<String> changedFields(JsonNode before, JsonNode after) {
    List<String> changed = new ArrayList<>();
    after.fieldNames().forEachRemaining(field -> {
      if (before == null || !after.get(field).equals(before.get(field))) {
        changed.add(field);
      }
    });
    return changed;
  }

  private static void create(KubernetesClient client, String namespace, String interval) {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName("prod");
    watch.getMetadata().setNamespace(namespace);
    watch.setSpec(new QdrantClusterWatchSpec(null, null, null, interval, "2s", null, null, null));
    client.resources(QdrantClusterWatch.class).inNamespace(namespace).resource(watch).create();
  }

  private static void awaitClusterStatus(KubernetesClient client, String namespace, String wanted, Duration max) {
    client.resources(QdrantClusterWatch.class).inNamespace(namespace).withName("prod").waitUntilCondition(
        w -> w != null && w.getStatus() != null && wanted.equals(w.getStatus().clusterStatus()),
        max.toMillis(), TimeUnit.MILLISECONDS);
  }


  private static List<Long> time(Runnable poll, int rounds) {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      poll.run();
      millis.add((System.nanoTime() - start) / 1_000_000);
    }
    return millis;
  }

  private static void report(String what, List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf("%s: min %d, median %d, max %d over %d runs%n", what, sorted.get(0),
        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
  }
}
