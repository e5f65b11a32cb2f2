package io.qdrantvigil.operator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.data.CollectionNames;
import io.qdrantvigil.operator.data.DataAssessment;
import io.qdrantvigil.operator.data.DataMemo;
import io.qdrantvigil.operator.data.DataProbe;
import io.qdrantvigil.operator.data.DataReading;
import io.qdrantvigil.operator.data.DataSource;
import io.qdrantvigil.operator.data.DataViews;
import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.ClusterAssessor;
import io.qdrantvigil.operator.health.DataVerdict;
import io.qdrantvigil.operator.probe.ClusterProbe;
import io.qdrantvigil.operator.probe.NodeObservation;
import io.qdrantvigil.operator.qdrant.PeerId;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import io.qdrantvigil.operator.status.StatusComposer;
import io.qdrantvigil.sandbox.kube.CrdInstaller;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.CollectionSpec;
import io.qdrantvigil.sandbox.qdrant.ReplicaState;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import io.qdrantvigil.sandbox.world.SandboxWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints the data view's figures (nothing asserted): requests per poll and poll wall time for
 * 10 nodes x 1,000 collections (3 shards, replication factor 2), read through the telemetry and
 * through the per-collection fallback, against the same cluster with no collections; the status
 * size for that cluster; and the status writes per minute of a steady AtRisk watch on the real
 * apiserver. Part of {@code make bench}; the argument is the CRD file to install.
 */
public final class DataViewBenchmark {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int ROUNDS = 10;

  private DataViewBenchmark() {}

  public static void main(String[] args) throws Exception {
    figures(10, 0);
    figures(10, 1000);
    statusSize(10, 1000);
    try (KubeApiServer server = KubeApiServer.start(Files.createTempDirectory("vigil-bench-data"));
        KubernetesClient client = server.newClient()) {
      CrdInstaller.install(client, Path.of(args[0]));
      try (VigilOperator operator = new VigilOperator(client,
          new OperatorSettings(0, Set.of(), null, false, "default", "bench"))) {
        steadyAtRiskWrites(client);
      }
    }
    System.exit(0);
  }

  /** The status of a healthy cluster and of the same cluster with one node stopped, as the operator writes it. */
  static void statusSize(int nodes, int collections) throws Exception {
    try (SimulatedCluster cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(7).withNodes(nodes)
        .withCollections(specs(collections)));
        QdrantClient qdrant = new QdrantClient()) {
      cluster.clock().advance(Duration.ofSeconds(10));
      cluster.node(0).raft();
      ClusterProbe nodeProbe = new ClusterProbe(qdrant);
      List<NodeTarget> targets = cluster.nodes().stream().map(n -> NodeTarget.ofUrl(n.url())).toList();
      DataViews views = new DataViews(qdrant, Clock.systemUTC());
      ObjectMapper json = new ObjectMapper();
      QdrantClusterWatchStatus status = null;
      for (String when : List.of("all nodes up", "one node stopped")) {
        if (when.startsWith("one")) {
          cluster.stop(nodes - 1);
          cluster.clock().advance(Duration.ofSeconds(1));
        }
        List<NodeObservation> observations = nodeProbe.probe(targets, TIMEOUT, null);
        ClusterAssessment assessed = ClusterAssessor.assess(
            new DiscoveryResult(DiscoveryResult.STATIC, targets, null), observations);
        DataAssessment data = views.assess("bench", "size", assessed, observations, TIMEOUT, Duration.ofMinutes(15),
            null, DataMemo.EMPTY);
        status = StatusComposer.compose(DataVerdict.apply(assessed, data), status, 1, Instant.now().toString());
        System.out.printf(Locale.ROOT, "%d nodes x %d collections, %s: status %.1f KiB (data %s, %d warnings)%n",
            nodes, collections, when, json.writeValueAsBytes(status).length / 1024.0, status.data().state(),
            status.warningCount());
      }
    }
  }

  /**
   * A watch polled every 5 s that stays AtRisk (a collection with factor 1) while a transfer moves
   * on at every poll: its status writes in a little over two minutes.
   */
  static void steadyAtRiskWrites(KubernetesClient client) throws Exception {
    try (SimulatedCluster cluster = SimulatedCluster.start(ClusterOptions.defaults().withCollections(
        CollectionSpec.of("products", 3, 2), new CollectionSpec("big", 1, 1, 100_000_000L)));
        SandboxWorld world = SandboxWorld.create(client, cluster, "bench-atrisk")) {
      QdrantClusterWatch watch = new QdrantClusterWatch();
      watch.getMetadata().setName("prod");
      watch.getMetadata().setNamespace("bench-atrisk");
      watch.setSpec(new QdrantClusterWatchSpec(null, null, null, "5s", "2s", null, null, null));
      client.resources(QdrantClusterWatch.class).inNamespace("bench-atrisk").resource(watch).create();
      var resource = client.resources(QdrantClusterWatch.class).inNamespace("bench-atrisk").withName("prod");
      resource.waitUntilCondition(w -> w != null && w.getStatus() != null && w.getStatus().data() != null
          && "AtRisk".equals(w.getStatus().data().state()), 60, TimeUnit.SECONDS);
      Map<Integer, Map<String, ReplicaState>> big = cluster.replicaStates("big");
      String from = big.get(0).keySet().iterator().next();
      String to = cluster.nodes().stream().map(SimulatedNode::peerId).filter(p -> !p.equals(from)).findFirst()
          .orElseThrow();
      cluster.startTransfer("big", 0, from, to, true, "stream_records");
      resource.waitUntilCondition(w -> w.getStatus().transfers() != null && !w.getStatus().transfers().isEmpty(),
          60, TimeUnit.SECONDS);
      AtomicInteger writes = new AtomicInteger();
      Duration window = Duration.ofSeconds(125);
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      ticker.scheduleAtFixedRate(() -> cluster.clock().advance(Duration.ofSeconds(1)), 1, 1, TimeUnit.SECONDS);
      try (Watch ignored = resource.watch(counting(writes))) {
        new CountDownLatch(1).await(window.toSeconds(), TimeUnit.SECONDS);
      } finally {
        ticker.shutdownNow();
      }
      QdrantClusterWatchStatus last = resource.get().getStatus();
      System.out.printf(Locale.ROOT, "steady AtRisk watch with a transfer moving on, interval 5s: %d status writes "
              + "in %d s = %.2f per minute (data %s, transfer progress \"%s\")%n", writes.get(), window.toSeconds(),
          writes.get() * 60.0 / window.toSeconds(), last.data().state(),
          last.transfers() == null ? "-" : last.transfers().get(0).progress());
    }
  }

  private static Watcher<QdrantClusterWatch> counting(AtomicInteger writes) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, QdrantClusterWatch resource) {
        if (action == Action.MODIFIED) {
          writes.incrementAndGet();
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    };
  }


  private static CollectionSpec[] specs(int collections) {
    CollectionSpec[] specs = new CollectionSpec[collections];
    for (int i = 0; i < collections; i++) {
      specs[i] = CollectionSpec.of(String.format("collection-%04d", i), 3, 2);
    }
    return specs;
  }

  static void figures(int nodes, int collections) {
    try (SimulatedCluster cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(7).withNodes(nodes)
        .withCollections(specs(collections)));
        QdrantClient qdrant = new QdrantClient()) {
      cluster.clock().advance(Duration.ofSeconds(10));
      cluster.node(0).raft();
      ClusterProbe nodeProbe = new ClusterProbe(qdrant);
      List<NodeTarget> targets = cluster.nodes().stream().map(n -> NodeTarget.ofUrl(n.url())).toList();
      String label = String.format(Locale.ROOT, "%d nodes x %d collections", nodes, collections);
      for (String version : List.of("1.19.0", "1.16.3")) {
        DataProbe dataProbe = new DataProbe(qdrant, Clock.systemUTC());
        List<Long> nodeMillis = new ArrayList<>();
        List<Long> pollMillis = new ArrayList<>();
        List<Integer> requests = new ArrayList<>();
        int firstRequests = 0;
        for (int round = -1; round < ROUNDS; round++) {
          long start = System.nanoTime();
          List<NodeObservation> observations = nodeProbe.probe(targets, TIMEOUT, null);
          long nodesDone = System.nanoTime();
          DataReading reading = dataProbe.read(sources(cluster, observations, version), leaderUrl(cluster), TIMEOUT,
              null);
          long end = System.nanoTime();
          if (!reading.fresh()) {
            System.out.println(label + ", " + version + ": data view not read: " + reading.error());
          }
          if (round < 0) {
            firstRequests = reading.requests();
            continue;
          }
          nodeMillis.add((nodesDone - start) / 1_000_000);
          pollMillis.add((end - start) / 1_000_000);
          requests.add(reading.requests());
        }
        String via = version.startsWith("1.16") ? "fallback (Qdrant " + version + ")" : "telemetry";
        System.out.printf(Locale.ROOT, "%s, data view by %s: first poll %d data requests, then %s per poll; "
                + "node probe alone %s ms; node probe + data view %s ms%n", label, via, firstRequests,
            summary(requests), summary(nodeMillis), summary(pollMillis));
      }
    }
  }

  private static String leaderUrl(SimulatedCluster cluster) {
    return cluster.leader().map(SimulatedNode::url).orElse(null);
  }

  /** Every node as healthy, named by its URL as outside Kubernetes, with its collection names. */
  private static List<DataSource> sources(SimulatedCluster cluster, List<NodeObservation> observations,
      String version) {
    List<DataSource> sources = new ArrayList<>();
    for (int i = 0; i < observations.size(); i++) {
      NodeObservation o = observations.get(i);
      SimulatedNode node = cluster.nodes().get(i);
      sources.add(new DataSource(o.target().url(), o.target().url(), PeerId.parse(node.peerId()), version,
          CollectionNames.of(o.collections().valueOrNull())));
    }
    return sources;
  }

  private static <T extends Comparable<T>> String summary(List<T> values) {
    List<T> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return "median " + sorted.get(sorted.size() / 2) + " (min " + sorted.get(0) + ", max "
        + sorted.get(sorted.size() - 1) + ")";
  }
}
