package io.qdrantvigil.plugin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import io.qdrantvigil.sandbox.world.SandboxWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin as a user runs it, against the real apiserver and the real operator polling simulated
 * Qdrant pods. A second namespace is not watched by the operator: nothing answers there.
 */
class PluginWithOperatorOnRealApiServerTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static KubeApiServer server;
  private static KubernetesClient client;
  private static SimulatedCluster cluster;
  private static SandboxWorld world;
  private static VigilOperator operator;
  private static String watched;
  private static String unwatched;

  @BeforeAll
  static void start() throws Exception {
    server = SandboxApiServer.shared();
    client = server.newClient();
    watched = SandboxApiServer.newNamespace(client, "plugin");
    unwatched = SandboxApiServer.newNamespace(client, "idle");
    cluster = SimulatedCluster.start(ClusterOptions.defaults());
    world = SandboxWorld.create(client, cluster, watched, SandboxWorld.Options.defaults().withoutReadinessProbe());
    operator = new VigilOperator(client,
        new OperatorSettings(0, Set.of(watched), null, false, "default", "plugin-e2e", false));
    SandboxApiServer.createWatch(client, watched, "prod", "5s", "2s");
    await().atMost(WAIT).until(() -> "Healthy".equals(clusterStatus(watched, "prod")));
  }

  @AfterAll
  static void stop() {
    operator.close();
    world.close();
    cluster.close();
    client.close();
  }

  @SuppressWarnings("unchecked")
  private static String clusterStatus(String namespace, String name) {
    GenericKubernetesResource watch = SandboxApiServer.watches(client).inNamespace(namespace).withName(name).get();
    Object status = watch == null ? null : watch.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> map ? (String) ((Map<String, Object>) map).get("clusterStatus") : null;
  }

  @Test
  void statusShowsTheCardTheLeaderAndTheCommandsOfTheHealthyCluster() {
    PluginRun run = PluginRun.run(server, "status", "prod", "-n", watched);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("prod in namespace " + watched + "\n");
    assertThat(run.out()).containsPattern("  Healthy     3/3 nodes \\(100(\\.0)?%\\)\n");
    assertThat(run.out()).contains("  Status      Healthy\n", "* leader",
        "qdrant-0", "qdrant-1", "qdrant-2", "Commands\n", "kubectl exec -it -n " + watched + " qdrant-0");
    assertThat(run.out()).doesNotContain("Warnings", "\u001b[");
  }

  @Test
  void statusWithoutNameListsTheWatchesOfTheNamespace() {
    PluginRun run = PluginRun.run(server, "status", "-n", watched);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out().lines().findFirst().orElseThrow()).startsWith("NAME ");
    assertThat(run.out()).containsPattern("(?m)^prod +Healthy +3/3 +\\d+ ");
    assertThat(run.out()).doesNotContain(unwatched);
  }

  @Test
  void pollSucceedsWithExitZero() {
    PluginRun run = PluginRun.run(server, "poll", "prod", "-n", watched);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).containsPattern("written on " + watched + "/prod\n");
    assertThat(run.out()).containsPattern("poll \\S+: Succeeded");
  }

  @Test
  void malformedValueIsRefusedWithExitOne() {
    PluginRun run = PluginRun.run(server, "scale", "prod", "abc", "-n", watched);

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("scale abc: Refused");
  }

  @Test
  void dryRunReportsWithExitZeroAndLeavesThePod() {
    PluginRun run = PluginRun.run(server, "delete-pod", "prod", "qdrant-0", "--dry-run", "-n", watched);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("qdrantvigil.io/delete-pod=qdrant-0;dry-run written", "delete-pod qdrant-0;dry-run: DryRun");
    assertThat(client.pods().inNamespace(watched).withName("qdrant-0").get().getMetadata().getDeletionTimestamp())
        .isNull();
  }

  @Test
  void waitZeroWritesTheAnnotationAndReturnsAtOnce() {
    PluginRun run = PluginRun.run(server, "poll", "prod", "now-please", "--wait", "0", "-n", watched);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("qdrantvigil.io/poll=now-please written", "not waiting for the outcome");
    await().atMost(WAIT).until(() -> PluginRun.run(server, "status", "prod", "-n", watched, "-o", "json").out()
        .contains("\"request\": \"now-please\""));
  }

  @Test
  void noOperatorMeansATimeOutWithExitOne() {
    SandboxApiServer.createWatch(client, unwatched, "orphan", "5s", "2s");

    PluginRun run = PluginRun.run(server, "poll", "orphan", "-n", unwatched, "--wait", "3s");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("no outcome within 3s", "namespace " + unwatched);
  }

  @Test
  void unknownWatchIsAnErrorWithExitOne() {
    PluginRun run = PluginRun.run(server, "poll", "nothing-here", "-n", watched);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("kubectl vigil: no QdrantClusterWatch 'nothing-here' in namespace " + watched);
  }

  @Test
  void staleStatusWrittenLongAgoIsShownStaleAndListedWithEveryWatch() {
    GenericKubernetesResource old = SandboxApiServer.createWatch(client, unwatched, "old", "30s", "5s");
    old.setAdditionalProperty("status", Map.of("clusterStatus", "Degraded", "healthyNodes", "2/3",
        "healthPercentage", 66.7, "leader", "1", "warningCount", 1,
        "warnings", List.of(Map.of("node", "qdrant-1", "type", "ConnectionError", "message", "GET /cluster failed")),
        "lastPollTime", Instant.now().minus(Duration.ofHours(1)).toString()));
    SandboxApiServer.watches(client).inNamespace(unwatched).resource(old).updateStatus();

    PluginRun one = PluginRun.run(server, "status", "old", "-n", unwatched);
    PluginRun all = PluginRun.run(server, "status", "-A");

    assertThat(one.exit()).as(one.toString()).isZero();
    assertThat(one.out()).contains("  Status      stale since ", "the last verdict written, Degraded, is not current");
    assertThat(all.exit()).as(all.toString()).isZero();
    assertThat(all.out()).containsPattern(unwatched + " +old +Stale +2/3");
    assertThat(all.out()).containsPattern(watched + " +prod +Healthy +3/3");
  }
}
