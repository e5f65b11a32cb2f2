package io.qdrantvigil.operator.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.sandbox.kube.CrdInstaller;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import io.qdrantvigil.sandbox.world.SandboxWorld;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Prints the figures issue 5 asks for (nothing asserted), measured on the operator jar run as a
 * pod runs it ({@code java -jar}, leader election on, found through KUBECONFIG) against a real
 * apiserver with one pods watch over 3 simulated Qdrant nodes: JVM start to first status, idle
 * RSS, SIGTERM to exit; then {@link OperatorMemoryBenchmark}'s RSS at 100 and 2,000 watched nodes.
 * Run with {@code make bench-process}; the arguments are the CRD file and the jar (the repository's
 * manifests are found beside the CRD's folder).
 */
public final class OperatorProcessBenchmark {

  private static final String NAMESPACE = "bench-process";
  private static final Duration IDLE = Duration.ofSeconds(30);
  /** What the JVM reads from the cgroup of a container limited as the Deployment limits it: 512Mi, 500m CPU. */
  static final List<String> UNDER_LIMITS = List.of("-XX:MaxRAM=512m", "-XX:ActiveProcessorCount=1");

  private OperatorProcessBenchmark() {}

  private record Run(long readyMillis, long firstStatusMillis, long exitMillis, int exitCode) {}

  public static void main(String[] args) throws Exception {
    Path crd = Path.of(args[0]);
    Path jar = Path.of(args[1]);
    if (!Files.isRegularFile(jar)) {
      System.err.println(jar + " is missing: run `make build` first");
      System.exit(2);
    }
    try (KubeApiServer server = KubeApiServer.start(Files.createTempDirectory("vigil-bench-process"));
        KubernetesClient client = server.newClient();
        SimulatedCluster cluster = SimulatedCluster.start(ClusterOptions.defaults());
        SandboxWorld world = SandboxWorld.create(client, cluster, NAMESPACE)) {
      CrdInstaller.install(client, crd);
      System.out.println("operator jar as a process: java -jar, leader election on, one pods watch of 3 "
          + "simulated nodes, default spec");

      List<Long> firstStatus = new ArrayList<>();
      for (int round = 1; round <= 3; round++) {
        Run run = startAndStop(server, client, jar, List.of(), Map.of(), "prod-" + round,
            Duration.ZERO);
        firstStatus.add(run.firstStatusMillis());
        System.out.printf("  run %d: JVM start -> /readyz 200 in %d ms, -> first status in %d ms; "
            + "SIGTERM -> exit in %d ms (code %d)%n", round, run.readyMillis(), run.firstStatusMillis(),
            run.exitMillis(), run.exitCode());
      }
      report("JVM start -> first status (ms)", firstStatus);

      startAndStop(server, client, jar, List.of(), Map.of(), "idle-default", IDLE);
      Map<String, String> deployment = deploymentMemoryEnv(crd);
      Map<String, String> arenas = deployment.containsKey("MALLOC_ARENA_MAX")
          ? Map.of("MALLOC_ARENA_MAX", deployment.get("MALLOC_ARENA_MAX")) : Map.of();
      startAndStop(server, client, jar, withLimits(deployment.get("JAVA_TOOL_OPTIONS")), arenas, "idle-deployment",
          IDLE);
      OperatorMemoryBenchmark.run(server, client, jar, deployment);
    }
    System.exit(0);
  }

  /**
   * Starts the jar, waits for /readyz and the watch's first status, stays idle for {@code idle}
   * (printing VmRSS then), then SIGTERM. {@code jvmOptions} go in JAVA_TOOL_OPTIONS, as the
   * Deployment passes them.
   */
  private static Run startAndStop(KubeApiServer server, KubernetesClient client, Path jar, List<String> jvmOptions,
      Map<String, String> extraEnv, String watchName, Duration idle) throws Exception {
    create(client, watchName);
    int port = freePort();
    Path log = Files.createTempFile("vigil-bench-operator", ".log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("KUBECONFIG", server.kubeconfigPath().toString());
    env.put("VIGIL_HTTP_PORT", String.valueOf(port));
    env.put("VIGIL_LEADER_ELECTION", "true");
    // A Lease of its own: a previous run's Lease, never released, would hold it back 15 s.
    String leaseNamespace = "lease-" + watchName;
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(leaseNamespace).endMetadata()
        .build()).create();
    env.put("POD_NAMESPACE", leaseNamespace);
    env.put("POD_NAME", "bench-" + watchName);
    if (!jvmOptions.isEmpty()) {
      env.put("JAVA_TOOL_OPTIONS", String.join(" ", jvmOptions));
    }
    env.putAll(extraEnv);
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      long ready = awaitReady(port, process, log, started);
      client.resources(QdrantClusterWatch.class).inNamespace(NAMESPACE).withName(watchName).waitUntilCondition(
          w -> w != null && w.getStatus() != null && w.getStatus().clusterStatus() != null, 120, TimeUnit.SECONDS);
      long firstStatus = millisSince(started);
      if (!idle.isZero()) {
        new CountDownLatch(1).await(idle.toSeconds(), TimeUnit.SECONDS);
        Map<String, String> memory = procStatus(process.pid());
        System.out.printf("idle RSS %d s after the first status, %s: VmRSS %s, peak VmHWM %s%n", idle.toSeconds(),
            jvmOptions.isEmpty() ? "default JVM sizing on this host" : "JAVA_TOOL_OPTIONS=" + String.join(" ",
                jvmOptions) + " " + extraEnv + " (sized as under the Deployment's limits)",
            mebibytes(memory.get("VmRSS")), mebibytes(memory.get("VmHWM")));
      }
      long signalled = System.nanoTime();
      process.destroy();
      boolean exited = process.waitFor(60, TimeUnit.SECONDS);
      long exit = millisSince(signalled);
      return new Run(ready, firstStatus, exited ? exit : -1, exited ? process.exitValue() : -1);
    } finally {
      process.destroyForcibly();
      client.resources(QdrantClusterWatch.class).inNamespace(NAMESPACE).withName(watchName).delete();
    }
  }

  /** The Deployment's JAVA_TOOL_OPTIONS and MALLOC_ARENA_MAX, read from manifests/ beside the CRD's folder. */
  private static Map<String, String> deploymentMemoryEnv(Path crd) throws IOException {
    Path manifest = crd.toAbsolutePath().getParent().resolveSibling("manifests").resolve("operator/deployment.yaml");
    try (InputStream yaml = Files.newInputStream(manifest)) {
      Map<String, String> env = new HashMap<>();
      Serialization.unmarshal(yaml, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
          .getEnv().stream().filter(e -> Set.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX").contains(e.getName()))
          .forEach(e -> env.put(e.getName(), e.getValue()));
      return env;
    }
  }

  /** What the JVM reads from a container limited to 512Mi and 500m CPU, then {@code options}. */
  static List<String> withLimits(String options) {
    List<String> all = new ArrayList<>(UNDER_LIMITS);
    all.addAll(List.of(options.split(" ")));
    return all;
  }

  /** Milliseconds from {@code started} to the first /readyz 200. */
  private static long awaitReady(int port, Process process, Path log, long started) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
        .timeout(Duration.ofSeconds(2)).build();
    CountDownLatch pause = new CountDownLatch(1);
    while (millisSince(started) < 120_000) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited while starting; its log: " + log);
      }
      try {
        if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return millisSince(started);
        }
      } catch (IOException notListeningYet) {
        // The JVM is still starting.
      }
      pause.await(20, TimeUnit.MILLISECONDS);
    }
    throw new IllegalStateException("no /readyz 200 within 120 s; the operator's log: " + log);
  }

  static Map<String, String> procStatus(long pid) throws IOException {
    Map<String, String> fields = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return fields;
  }

  /** "123456 kB" as "120.6 MiB". */
  static String mebibytes(String kilobytes) {
    return kilobytes == null ? "?" : String.format("%.1f MiB", Long.parseLong(kilobytes.split(" ")[0]) / 1024.0);
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void create(KubernetesClient client, String name) {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName(name);
    watch.getMetadata().setNamespace(NAMESPACE);
    watch.setSpec(new QdrantClusterWatchSpec(null, null, null, null, null, null, null, null));
    client.resources(QdrantClusterWatch.class).inNamespace(NAMESPACE).resource(watch).create();
  }


  private static void report(String what, List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf("%s: min %d, median %d, max %d over %d runs%n", what, sorted.get(0),
        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
  }
}
