package io.qdrantvigil.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.e2e.RealApiServer;
import io.qdrantvigil.operator.monitoring.OperatorMetricNames;
import io.qdrantvigil.sandbox.qdrant.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed alert rules in a real Prometheus (Debian's 2.42 on loopback) scraping the operator
 * while it watches a sandbox cluster: a stopped node makes QdrantVigilWatchDegraded pending, then
 * firing, and healing clears it. The test's copy of the rules only shortens that rule's
 * {@code for:} to 10 s; scrapes and evaluations are every second.
 */
class PrometheusAlertsTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String ALERT = "QdrantVigilWatchDegraded";
  private static final Path RULES = Manifests.REPO.resolve("manifests/monitoring/qdrant-vigil.rules.yml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private KubernetesClient client;
  private SandboxNamespace sandbox;
  private VigilOperator operator;
  private LocalPrometheus prometheus;

  @BeforeEach
  void start() {
    client = RealApiServer.shared().newClient();
    sandbox = SandboxNamespace.withQdrant(client, "prometheus");
  }

  @AfterEach
  void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (operator != null) {
      operator.close();
    }
    sandbox.close();
    client.close();
  }

  /** The committed rules with the degraded rule's {@code for:} cut to 10 s. */
  private static Path shortenedRules(Path dir) throws Exception {
    ObjectNode rules = (ObjectNode) YAML.readTree(RULES.toFile());
    rules.get("groups").forEach(group -> group.get("rules").forEach(rule -> {
      if (ALERT.equals(rule.path("alert").asText())) {
        ((ObjectNode) rule).put("for", "10s");
      }
    }));
    Path file = dir.resolve("shortened.rules.yml");
    YAML.writeValue(file.toFile(), rules);
    return file;
  }

  private List<String> states() throws Exception {
    return prometheus.alerts().stream().filter(alert -> alert.name().equals(ALERT))
        .filter(alert -> alert.labels().path("namespace").asText().equals(sandbox.namespace))
        .map(LocalPrometheus.Alert::state).toList();
  }

  @Test
  void aStoppedNodeMakesTheDegradedAlertPendingThenFiringAndHealingClearsIt(@TempDir Path dir) throws Exception {
    sandbox.createWatch("prod", "5s");
    operator = new VigilOperator(client, new OperatorSettings(0, Set.of(sandbox.namespace), null, false, "default",
        "prometheus"));
    await().atMost(WAIT).until(() -> "Healthy".equals(sandbox.clusterStatus("prod")));
    prometheus = LocalPrometheus.start(dir, "127.0.0.1:" + operator.httpPort(), shortenedRules(dir));
    String watch = "{namespace=\"" + sandbox.namespace + "\",watch=\"prod\"}";
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      assertThat(prometheus.query("up{job=\"qdrant-vigil-metrics\"}")).containsExactly(1.0);
      assertThat(prometheus.query("vigil_nodes_healthy" + watch)).as("the watch's own namespace label, honoured")
          .containsExactly(3.0);
    });
    assertThat(states()).isEmpty();
    assertThat(prometheus.metricNames()).filteredOn(name -> name.startsWith("vigil_"))
        .as("every vigil_ metric the operator exports is one the dashboard and rules may name")
        .isNotEmpty().isSubsetOf(OperatorMetricNames.EXPORTED);

    sandbox.cluster.node(2).setFault(Fault.STOPPED);
    await().atMost(WAIT).until(() -> "Degraded".equals(sandbox.clusterStatus("prod")));
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> states().equals(List.of("pending")));
    await().atMost(WAIT).until(() -> states().equals(List.of("firing")));
    assertThat(prometheus.alerts()).filteredOn(alert -> alert.name().equals(ALERT)).singleElement()
        .satisfies(alert -> assertThat(alert.labels().get("watch").asText()).isEqualTo("prod"));

    sandbox.cluster.node(2).heal();
    await().atMost(WAIT).until(() -> "Healthy".equals(sandbox.clusterStatus("prod")));
    await().atMost(WAIT).until(() -> states().isEmpty());
  }
}
