package io.qdrantvigil.plugin.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.plugin.e2e.SandboxApiServer;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code make bench-plugin}: how long {@code kubectl vigil status} takes from process start to its
 * first byte of output, and to its exit, against the sandbox apiserver (the contract's goal: first
 * output within 1.5 s on a 2-core machine). Arguments: the installed launcher, the CRD file.
 */
public final class PluginStartBenchmark {

  private static final int WARM_UP = 1;
  private static final int RUNS = 7;

  private PluginStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path launcher = Path.of(args[0]);
    System.setProperty("vigil.crd", args[1]);
    Path jar = launcher.getParent().resolveSibling("lib").resolve("kubectl-vigil.jar");
    KubeApiServer server = SandboxApiServer.shared();
    String kubectl = server.kubectlCurrent().binary().toString();
    String kubeconfig = "--kubeconfig=" + server.kubeconfigPath();
    try (KubernetesClient client = server.newClient()) {
      writeWatch(client);
    }
    System.out.printf("kubectl vigil start to first output / to exit, ms (median, min-max of %d runs; %d cores; kubectl %s)%n",
        RUNS, Runtime.getRuntime().availableProcessors(), kubectl);
    measure("installed launcher (AppCDS, C1, serial GC): status prod -n default",
        List.of(launcher.toString(), "status", "prod", "-n", "default", kubeconfig), kubectl);
    measure("installed launcher: status prod (namespace from the kubeconfig: one more kubectl call)",
        List.of(launcher.toString(), "status", "prod", kubeconfig), kubectl);
    measure("installed launcher: status -A",
        List.of(launcher.toString(), "status", "-A", kubeconfig), kubectl);
    measure("plain java -jar (no archive, default JIT and GC): status prod -n default",
        List.of("java", "-jar", jar.toString(), "status", "prod", "-n", "default", kubeconfig), kubectl);
    measure("for reference, kubectl alone: get --raw of the watch",
        List.of(kubectl, kubeconfig, "get", "--raw",
            "/apis/qdrantvigil.io/v1alpha1/namespaces/default/qdrantclusterwatches/prod"), kubectl);
    server.close();
  }

  private static void writeWatch(KubernetesClient client) {
    GenericKubernetesResource watch = SandboxApiServer.createWatch(client, "default", "prod", "30s", "5s");
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nodes.add(Map.of("peerId", String.valueOf(8672995594195906L + i), "podName", "qdrant-" + i,
          "url", "http://10.1.0.1" + i + ":6333", "version", "1.19.0", "leader", i == 0, "state", "Healthy",
          "execCommand", "kubectl exec -it -n default qdrant-" + i + " -c qdrant -- /bin/bash",
          "logsCommand", "kubectl logs -n default qdrant-" + i + " -c qdrant --tail=1000"));
    }
    watch.setAdditionalProperty("status", Map.of("clusterStatus", "Healthy", "healthyNodes", "3/3",
        "healthPercentage", 100.0, "leader", "8672995594195906", "warningCount", 0, "nodes", nodes,
        "discovery", "pods", "lastPollTime", Instant.now().toString()));
    SandboxApiServer.watches(client).inNamespace("default").resource(watch).updateStatus();
  }

  private static void measure(String what, List<String> command, String kubectl) throws IOException,
      InterruptedException {
    long[] first = new long[RUNS];
    long[] total = new long[RUNS];
    for (int i = 0; i < WARM_UP + RUNS; i++) {
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("KUBECTL", kubectl);
      builder.environment().put("NO_COLOR", "1");
      long start = System.nanoTime();
      Process process = builder.start();
      long firstByte;
      try (InputStream out = process.getInputStream()) {
        int b = out.read();
        firstByte = System.nanoTime();
        if (b < 0) {
          throw new IllegalStateException("no output from " + command);
        }
        out.readAllBytes();
      }
      int exit = process.waitFor();
      long end = System.nanoTime();
      if (exit != 0) {
        throw new IllegalStateException("exit " + exit + " from " + command);
      }
      if (i >= WARM_UP) {
        first[i - WARM_UP] = (firstByte - start) / 1_000_000;
        total[i - WARM_UP] = (end - start) / 1_000_000;
      }
    }
    System.out.printf("  %-90s first output %s, exit %s%n", what, figures(first), figures(total));
  }

  private static String figures(long[] millis) {
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] + " (" + sorted[0] + "-" + sorted[sorted.length - 1] + ")";
  }
}
