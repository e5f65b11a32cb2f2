package io.qdrantvigil.operator.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSS of the operator jar at 100 and 2,000 watched nodes, for each candidate JVM setting, sized as
 * under the Deployment's limits (512Mi, 500m CPU: {@code -XX:MaxRAM=512m -XX:ActiveProcessorCount=1},
 * what the JVM reads from the container's cgroup), with the mean poll time from {@code /metrics} so
 * that a setting that saves memory by slowing polls shows it. 100 nodes: one static watch over a
 * 100-node simulated cluster; 2,000: twenty such watches. Interval 10 s, measured after 60 s.
 */
final class OperatorMemoryBenchmark {

  private static final String NAMESPACE = "bench-memory";
  private static final Duration SETTLE = Duration.ofSeconds(60);
  /** JVM options (JAVA_TOOL_OPTIONS, after the limits) and glibc's malloc arenas (MALLOC_ARENA_MAX, if set). */
  private record Setting(String name, List<String> options, String mallocArenas) {}
  private static final Pattern SAMPLE = Pattern.compile("^(vigil_poll_duration_seconds_(?:sum|count))\\{[^}]*} (\\S+)$",
      Pattern.MULTILINE);

  private OperatorMemoryBenchmark() {}

  /**
   * Measures the Deployment's settings ({@code env}: its JAVA_TOOL_OPTIONS and MALLOC_ARENA_MAX)
   * against the settings before them, and against the same with C2 on, to show what C1 alone costs
   * the polls.
   */
  static void run(KubeApiServer server, KubernetesClient client, Path jar, Map<String, String> env)
      throws Exception {
    String options = env.get("JAVA_TOOL_OPTIONS");
    String arenas = env.get("MALLOC_ARENA_MAX");
    List<Setting> settings = List.of(
        new Setting("before: MaxRAMPercentage=70", List.of("-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError"),
            null),
        new Setting("the Deployment's", List.of(options.split(" ")), arenas),
        new Setting("the Deployment's with C2", List.of(options.replace("-XX:TieredStopAtLevel=1 ", "").split(" ")),
            arenas));
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
        .build()).create();
    try (SimulatedCluster cluster = SimulatedCluster.start(ClusterOptions.defaults().withNodes(100))) {
      List<String> urls = cluster.nodes().stream().map(SimulatedNode::url).toList();
      System.out.println("memory under the Deployment's limits (" + String.join(" ", OperatorProcessBenchmark.UNDER_LIMITS)
          + "), static watches of a 100-node simulated cluster, interval 10s, after " + SETTLE.toSeconds() + " s:");
      for (int watches : new int[] {1, 20}) {
        for (Setting setting : settings) {
          measure(server, client, jar, urls, watches, setting);
        }
      }
    }
  }

  private static void measure(KubeApiServer server, KubernetesClient client, Path jar, List<String> urls,
      int watches, Setting setting) throws Exception {
    for (int i = 0; i < watches; i++) {
      create(client, "w" + i, urls);
    }
    List<String> jvm = OperatorProcessBenchmark.withLimits(String.join(" ", setting.options()));
    int port = OperatorProcessBenchmark.freePort();
    Path log = Files.createTempFile("vigil-bench-memory", ".log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", server.kubeconfigPath().toString());
    builder.environment().put("VIGIL_HTTP_PORT", String.valueOf(port));
    builder.environment().put("WATCH_NAMESPACES", NAMESPACE);
    builder.environment().put("JAVA_TOOL_OPTIONS", String.join(" ", jvm));
    if (setting.mallocArenas() != null) {
      builder.environment().put("MALLOC_ARENA_MAX", setting.mallocArenas());
    }
    Process process = builder.start();
    try {
      for (int i = 0; i < watches; i++) {
        client.resources(QdrantClusterWatch.class).inNamespace(NAMESPACE).withName("w" + i).waitUntilCondition(
            w -> w != null && w.getStatus() != null && w.getStatus().clusterStatus() != null, 180, TimeUnit.SECONDS);
      }
      String before = metrics(port);
      new CountDownLatch(1).await(SETTLE.toSeconds(), TimeUnit.SECONDS);
      String after = metrics(port);
      Map<String, String> status = OperatorProcessBenchmark.procStatus(process.pid());
      double polls = total(after, "count") - total(before, "count");
      double seconds = total(after, "sum") - total(before, "sum");
      System.out.printf("  %5d nodes (%2d watches), %-30s VmRSS %s, peak VmHWM %s; %3.0f polls in %d s, mean "
          + "poll %4.0f ms%n", watches * urls.size(), watches, setting.name() + ":",
          OperatorProcessBenchmark.mebibytes(status.get("VmRSS")),
          OperatorProcessBenchmark.mebibytes(status.get("VmHWM")), polls, SETTLE.toSeconds(),
          polls == 0 ? Double.NaN : seconds * 1000 / polls);
    } finally {
      process.destroy();
      process.waitFor(60, TimeUnit.SECONDS);
      process.destroyForcibly();
      client.resources(QdrantClusterWatch.class).inNamespace(NAMESPACE).delete();
      client.resources(QdrantClusterWatch.class).inNamespace(NAMESPACE).informOnCondition(List::isEmpty)
          .get(60, TimeUnit.SECONDS);
    }
  }

  private static double total(String metrics, String suffix) {
    double total = 0;
    Matcher sample = SAMPLE.matcher(metrics);
    while (sample.find()) {
      if (sample.group(1).endsWith(suffix)) {
        total += Double.parseDouble(sample.group(2));
      }
    }
    return total;
  }

  private static String metrics(int port) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void create(KubernetesClient client, String name, List<String> urls) {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName(name);
    watch.getMetadata().setNamespace(NAMESPACE);
    watch.setSpec(new QdrantClusterWatchSpec(null, urls, null, "10s", "5s", null, null, null));
    client.resources(QdrantClusterWatch.class).inNamespace(NAMESPACE).resource(watch).create();
  }
}
