package io.qdrantvigil.plugin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import io.qdrantvigil.sandbox.world.SandboxWorld;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's faults as {@code kubectl vigil status} shows them, from the statuses the real operator writes. */
class DemoStatesOnRealApiServerTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static KubeApiServer server;
  private static KubernetesClient client;
  private static SimulatedCluster cluster;
  private static SandboxWorld world;
  private static VigilOperator operator;
  private static String namespace;

  @BeforeAll
  static void start() throws Exception {
    server = SandboxApiServer.shared();
    client = server.newClient();
    namespace = SandboxApiServer.newNamespace(client, "demo");
    cluster = SimulatedCluster.start(ClusterOptions.defaults());
    world = SandboxWorld.create(client, cluster, namespace, SandboxWorld.Options.defaults().withoutReadinessProbe());
    operator = new VigilOperator(client,
        new OperatorSettings(0, Set.of(namespace), null, false, "default", "plugin-demo", false));
    SandboxApiServer.createWatch(client, namespace, "prod", "5s", "2s");
  }

  @AfterAll
  static void stop() {
    operator.close();
    world.close();
    cluster.close();
    client.close();
  }

  @BeforeEach
  void healthy() {
    awaitStatus(out -> out.contains("  Status      Healthy\n"));
  }

  @AfterEach
  void heal() {
    cluster.healAll();
  }

  private static String awaitStatus(java.util.function.Predicate<String> shown) {
    AtomicReference<String> last = new AtomicReference<>();
    await().atMost(WAIT).until(() -> {
      PluginRun run = PluginRun.run(server, "status", "prod", "-n", namespace);
      last.set(run.out());
      return run.exit() == 0 && shown.test(run.out());
    });
    return last.get();
  }

  private static SimulatedNode follower() {
    String leader = cluster.leaderPeerId().orElseThrow();
    return cluster.nodes().stream().filter(n -> !n.peerId().equals(leader)).findFirst().orElseThrow();
  }

  @Test
  void stoppedNodeIsDegradedWithItsConnectionErrorAndItsCommands() {
    SimulatedNode stopped = follower();
    String pod = "qdrant-" + stopped.ordinal();
    stopped.setFault(Fault.STOPPED);

    String out = awaitStatus(s -> s.contains("  Status      Degraded\n"));

    assertThat(out).contains("  Healthy     2/3 nodes (66.7%)\n", "Warnings (");
    assertThat(out).containsPattern(pod + " +ConnectionError ");
    assertThat(out).containsPattern(pod + " +http\\S+ .*Failing +ConnectionError");
    assertThat(out).contains("Commands for the nodes that are not healthy", "kubectl logs -n " + namespace + " " + pod);
  }

  @Test
  void hungNodeIsATimeout() {
    SimulatedNode hung = follower();
    String pod = "qdrant-" + hung.ordinal();
    hung.setFault(Fault.HUNG);

    String out = awaitStatus(s -> s.contains("  Status      Degraded\n"));

    assertThat(out).containsPattern(pod + " +Timeout ");
    assertThat(out).containsPattern(pod + " +http\\S+ .*Failing +Timeout");
  }
}
