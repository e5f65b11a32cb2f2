package io.qdrantvigil.plugin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable a user gets: {@code install.sh} (what {@code make plugin} runs) installs the jar,
 * the class-data archive and the launcher; the launcher then runs as {@code kubectl vigil} would.
 */
class LauncherOnRealApiServerTest {

  private static final Path DIST = Path.of(System.getProperty("vigil.plugin.launcher",
      "src/main/dist/kubectl-vigil")).toAbsolutePath().getParent();
  private static KubeApiServer server;
  private static String namespace;
  @TempDir
  static Path prefix;
  private static Path launcher;

  @BeforeAll
  static void install() throws Exception {
    Path jar = prefix.resolve("kubectl-vigil.jar");
    writeJar(Path.of("target/classes"), jar);
    // Folders relative to where make runs, as PREFIX=some/dir gives them; the launcher runs from elsewhere.
    Process install = new ProcessBuilder(DIST.resolve("install.sh").toString(), jar.toString(), "lib", "bin")
        .directory(prefix.toFile()).redirectErrorStream(true).start();
    String said = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Result installed = new Result(install.waitFor(), said, "");
    assertThat(installed.exit()).as(installed.toString()).isZero();
    launcher = prefix.resolve("bin/kubectl-vigil");

    server = SandboxApiServer.shared();
    try (KubernetesClient client = server.newClient()) {
      namespace = SandboxApiServer.newNamespace(client, "launcher");
      healthyWatch(client, "prod");
      healthyWatch(client, "followed");
    }
  }

  private static void healthyWatch(KubernetesClient client, String name) {
    healthyWatch(client, name, Instant.now());
  }

  private static void healthyWatch(KubernetesClient client, String name, Instant lastPoll) {
    GenericKubernetesResource watch = SandboxApiServer.createWatch(client, namespace, name, "30s", "5s");
    watch.setAdditionalProperty("status", Map.of("clusterStatus", "Healthy", "healthyNodes", "1/1",
        "healthPercentage", 100.0, "leader", "7", "warningCount", 0, "lastPollTime", lastPoll.toString(),
        "nodes", List.of(Map.of("peerId", "7", "podName", "qdrant-0", "state", "Healthy", "leader", true))));
    SandboxApiServer.watches(client).inNamespace(namespace).resource(watch).updateStatus();
  }

  @Test
  void installedLauncherRendersTheWatchInAPipeWithoutColourFromTheArchive() throws Exception {
    Path classLog = prefix.resolve("class-load.log");
    Result run = run(Map.of("KUBECTL", server.kubectlCurrent().binary().toString(),
            "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog),
        launcher.toString(), "status", "prod", "-n", namespace, "--kubeconfig=" + server.kubeconfigPath());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("prod in namespace " + namespace + "\n").contains("  Status      Healthy\n");
    assertThat(run.out()).doesNotContain("\u001b[");
    assertThat(Files.readString(classLog)).containsPattern("io.qdrantvigil.plugin.StatusView source: shared objects file");
  }

  @Test
  void watchFlagFollowsTheStatusAsTheOperatorRewritesIt() throws Exception {
    Path out = Files.createTempFile(prefix, "follow", ".txt");
    ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "status", "followed", "-w", "-n", namespace,
        "--kubeconfig=" + server.kubeconfigPath()).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("KUBECTL", server.kubectlCurrent().binary().toString());
    Process follow = builder.start();
    try (KubernetesClient client = server.newClient()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).contains("  Status      Healthy"));

      GenericKubernetesResource watch = SandboxApiServer.watches(client).inNamespace(namespace).withName("followed").get();
      watch.setAdditionalProperty("status", Map.of("clusterStatus", "Degraded", "healthyNodes", "0/1",
          "healthPercentage", 0.0, "warningCount", 1, "lastPollTime", Instant.now().toString(),
          "warnings", List.of(Map.of("node", "qdrant-0", "type", "Timeout", "message", "GET /cluster timed out")),
          "nodes", List.of(Map.of("peerId", "7", "podName", "qdrant-0", "state", "Failing", "errorType", "Timeout"))));
      SandboxApiServer.watches(client).inNamespace(namespace).resource(watch).updateStatus();

      await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).contains("  Status      Degraded"));
      String shown = Files.readString(out);
      assertThat(shown.indexOf("Healthy")).isLessThan(shown.indexOf("\n--- "));
      assertThat(shown.substring(shown.indexOf("\n--- "))).containsPattern("qdrant-0 +Timeout +GET /cluster timed out");
      assertThat(follow.isAlive()).isTrue();
      List<ProcessHandle> kubectls = follow.descendants().toList();
      assertThat(kubectls).isNotEmpty();

      follow.destroy();

      await().atMost(Duration.ofSeconds(10)).until(() -> kubectls.stream().noneMatch(ProcessHandle::isAlive));
    } finally {
      follow.destroyForcibly();
      follow.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void watchFlagSaysStaleWhenTheOperatorStopsWritingWithoutAnyChange() throws Exception {
    try (KubernetesClient client = server.newClient()) {
      // Interval 30s, timeout 5s: stale after 2m5s, that is 10 s from now.
      healthyWatch(client, "aging", Instant.now().minusSeconds(115));
    }
    Path out = Files.createTempFile(prefix, "aging", ".txt");
    ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "status", "aging", "-w", "-n", namespace,
        "--kubeconfig=" + server.kubeconfigPath()).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("KUBECTL", server.kubectlCurrent().binary().toString());
    Process follow = builder.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).contains("  Status      stale since "));
      String shown = Files.readString(out);
      assertThat(shown.indexOf("  Status      Healthy")).isBetween(0, shown.indexOf("  Status      stale since "));
    } finally {
      follow.destroy();
      follow.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void usageErrorThroughTheLauncherExitsTwo() throws Exception {
    Result run = run(Map.of(), launcher.toString(), "restart");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("restart needs NAME VALUE");
  }

  private record Result(int exit, String out, String err) {}

  private static Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(prefix, "out", ".txt");
    Path err = Files.createTempFile(prefix, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("NO_COLOR");
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", command));
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The jar Maven's package phase builds, made here because tests run before it. */
  private static void writeJar(Path classes, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.qdrantvigil.plugin.Main");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
  }
}
