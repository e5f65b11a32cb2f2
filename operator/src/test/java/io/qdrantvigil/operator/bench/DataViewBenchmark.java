package io.qdrantvigil.operator.bench;

import io.qdrantvigil.operator.data.CollectionNames;
import io.qdrantvigil.operator.data.DataProbe;
import io.qdrantvigil.operator.data.DataReading;
import io.qdrantvigil.operator.data.DataSource;
import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.probe.ClusterProbe;
import io.qdrantvigil.operator.probe.NodeObservation;
import io.qdrantvigil.operator.qdrant.PeerId;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.CollectionSpec;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Prints the data view's figures (nothing asserted): requests per poll and poll wall time for
 * 10 nodes x 1,000 collections (3 shards, replication factor 2), read through the telemetry and
 * through the per-collection fallback, against the same cluster with no collections. Part of
 * {@code make bench}.
 */
public final class DataViewBenchmark {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int ROUNDS = 10;

  private DataViewBenchmark() {}

  public static void main(String[] args) {
    figures(10, 0);
    figures(10, 1000);
    System.exit(0);
  }

  static void figures(int nodes, int collections) {
    CollectionSpec[] specs = new CollectionSpec[collections];
    for (int i = 0; i < collections; i++) {
      specs[i] = CollectionSpec.of(String.format("collection-%04d", i), 3, 2);
    }
    try (SimulatedCluster cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(7).withNodes(nodes)
        .withCollections(specs));
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
