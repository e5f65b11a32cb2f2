package io.qdrantvigil.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.e2e.RealApiServer;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's {@code main} as a pod runs it (its own JVM, configured by the environment the
 * Deployment sets, leader election on): SIGTERM, as on every rollout, drain or scale-down, ends a
 * leading replica at once; a replica whose Lease is taken from it exits 1 so its pod restarts.
 */
class OperatorProcessTest {

  /** A JVM start on a loaded 2-core machine, then the Lease. */
  private static final Duration START = Duration.ofSeconds(60);
  private static KubeApiServer server;
  private static KubernetesClient client;
  private final List<Process> started = new ArrayList<>();
  private final List<SandboxNamespace> namespaces = new ArrayList<>();

  @BeforeAll
  static void apiServer() {
    server = RealApiServer.shared();
    client = server.newClient();
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @AfterEach
  void stopAll() {
    started.forEach(Process::destroyForcibly);
    namespaces.forEach(SandboxNamespace::close);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A process the way the Deployment starts one: its namespace, its pod name, leader election on. */
  private Process operatorProcess(String namespace, String podName, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), VigilOperator.class.getName())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("KUBECONFIG", server.kubeconfigPath().toString());
    env.put("VIGIL_HTTP_PORT", String.valueOf(freePort()));
    env.put("VIGIL_LEADER_ELECTION", "true");
    env.put("POD_NAMESPACE", namespace);
    env.put("POD_NAME", podName);
    env.put("WATCH_NAMESPACES", namespace);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private Lease lease(String namespace) {
    return client.leases().inNamespace(namespace).withName(VigilOperator.LEASE_NAME).get();
  }

  private String leaderIn(String namespace) {
    Lease lease = lease(namespace);
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
  }

  /** A leading replica, once it holds the Lease. */
  private Process leader(SandboxNamespace namespace, String podName, Path log) throws IOException {
    Process process = operatorProcess(namespace.namespace, podName, log);
    await().atMost(START).until(() -> podName.equals(leaderIn(namespace.namespace)) || !process.isAlive());
    assertThat(process.isAlive()).as("the operator died while starting:\n" + tail(log)).isTrue();
    return process;
  }

  @Test
  void sigtermEndsALeadingReplicaAtOnce() throws Exception {
    SandboxNamespace namespace = SandboxNamespace.empty(client, "proc");
    namespaces.add(namespace);
    Path log = Files.createTempFile("vigil-operator-sigterm", ".log");
    Process process = leader(namespace, "operator-sigterm", log);

    long signalled = System.nanoTime();
    process.destroy();
    boolean exited = process.waitFor(20, TimeUnit.SECONDS);
    assertThat(exited).as("still running 20 s after SIGTERM (a kubelet would SIGKILL it):\n" + tail(log)).isTrue();
    System.out.printf("leading operator: SIGTERM -> exit in %d ms%n",
        Duration.ofNanos(System.nanoTime() - signalled).toMillis());
    assertThat(process.exitValue()).as("128 + SIGTERM: shut down by the signal, not by a System.exit")
        .isEqualTo(143);
    assertThat(Files.readString(log)).contains("stopped leading: shutting down");
  }

  @Test
  void aReplicaWhoseLeaseIsTakenExitsOneSoItsPodRestarts() throws Exception {
    SandboxNamespace namespace = SandboxNamespace.empty(client, "proc");
    namespaces.add(namespace);
    Path log = Files.createTempFile("vigil-operator-lease-lost", ".log");
    Process process = leader(namespace, "operator-robbed", log);

    // The holder renews every 2 s: an edit racing a renewal gets 409 Conflict and is tried again.
    await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
      client.leases().inNamespace(namespace.namespace).withName(VigilOperator.LEASE_NAME).edit(lease ->
          new LeaseBuilder(lease).editSpec().withHolderIdentity("intruder").withAcquireTime(ZonedDateTime.now())
              .withRenewTime(ZonedDateTime.now()).withLeaseDurationSeconds(3600).endSpec().build());
      return true;
    });
    boolean exited = process.waitFor(30, TimeUnit.SECONDS);
    assertThat(exited).as("still running 30 s after losing its Lease:\n" + tail(log)).isTrue();
    assertThat(process.exitValue()).as(tail(log)).isEqualTo(1);
    assertThat(Files.readString(log)).contains("exiting so that the pod restarts as a standby");
    assertThat(leaderIn(namespace.namespace)).isEqualTo("intruder");
  }
}
