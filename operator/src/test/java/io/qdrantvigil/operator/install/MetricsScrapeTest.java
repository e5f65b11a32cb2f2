package io.qdrantvigil.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.api.StatusWarning;
import io.qdrantvigil.operator.e2e.RealApiServer;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.kube.Kubectl;
import io.qdrantvigil.sandbox.qdrant.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} as Prometheus scrapes it, while the operator watches a sandbox cluster: every
 * watch metric, with its labels and the value the watch's status implies, before a node fails,
 * while it is down, and after it heals; an action's counter; JOSDK's own metrics; the probes; and
 * no series left once the watch is deleted.
 */
class MetricsScrapeTest {

  private static final Duration WAIT = Duration.ofSeconds(45);
  private final OkHttpClient http = new OkHttpClient();
  private KubeApiServer server;
  private KubernetesClient client;
  private SandboxNamespace sandbox;
  private VigilOperator operator;

  @BeforeEach
  void start() {
    server = RealApiServer.shared();
    client = server.newClient();
    sandbox = SandboxNamespace.withQdrant(client, "metrics");
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    sandbox.close();
    client.close();
  }

  private record Scrape(int code, String contentType, String body) {}

  private Scrape get(String path) throws IOException {
    try (Response response = http.newCall(new Request.Builder()
        .url("http://127.0.0.1:" + operator.httpPort() + path).build()).execute()) {
      return new Scrape(response.code(), response.header("Content-Type"), response.body().string());
    }
  }

  private PrometheusText scrape() throws IOException {
    Scrape scrape = get("/metrics");
    assertThat(scrape.code()).isEqualTo(200);
    return PrometheusText.parse(scrape.body());
  }

  private Map<String, String> watch() {
    return Map.of("namespace", sandbox.namespace, "watch", "prod");
  }

  private Map<String, String> watchAnd(String key, String value) {
    Map<String, String> labels = new HashMap<>(watch());
    labels.put(key, value);
    return labels;
  }

  private double value(PrometheusText metrics, String name, Map<String, String> labels) {
    return metrics.value(name, labels).orElseThrow(() -> new AssertionError("no " + name + labels));
  }

  /** Non-zero warning series of the watch, by type. */
  private Map<String, Double> warningsByType(PrometheusText metrics) {
    return metrics.all("vigil_warnings", watch()).stream().filter(s -> s.value() != 0)
        .collect(Collectors.toMap(s -> s.labels().get("type"), PrometheusText.Sample::value));
  }

  private static Map<String, Double> warningsByType(QdrantClusterWatchStatus status) {
    List<StatusWarning> warnings = status.warnings() == null ? List.of() : status.warnings();
    return warnings.stream().collect(Collectors.groupingBy(StatusWarning::type, Collectors.summingDouble(w -> 1)));
  }

  /** The gauges of one verdict, as the watch's status states it. */
  private void assertVerdict(PrometheusText metrics, String verdict, int healthy, int total) {
    for (String status : List.of("Healthy", "Degraded", "Unavailable")) {
      assertThat(value(metrics, "vigil_cluster_status", watchAnd("status", status))).as(status)
          .isEqualTo(status.equals(verdict) ? 1.0 : 0.0);
    }
    assertThat(value(metrics, "vigil_nodes_healthy", watch())).isEqualTo(healthy);
    assertThat(value(metrics, "vigil_nodes", watch())).isEqualTo(total);
    assertThat(value(metrics, "vigil_needs_attention", watch())).isEqualTo(verdict.equals("Healthy") ? 0.0 : 1.0);
    assertThat(warningsByType(metrics)).isEqualTo(warningsByType(sandbox.status("prod")));
  }

  @Test
  void everyMetricHasTheValueTheStatusImpliesBeforeDuringAndAfterANodeFailure() throws Exception {
    sandbox.createWatch("prod", "5s");
    long started = System.nanoTime();
    operator = new VigilOperator(client, new OperatorSettings(0, Set.of(sandbox.namespace), null, false, "default",
        "metrics"));
    await().atMost(WAIT).until(() -> sandbox.status("prod") != null);
    System.out.printf("in this JVM (warm): new VigilOperator -> first status of a waiting watch in %d ms%n",
        Duration.ofNanos(System.nanoTime() - started).toMillis());

    await().atMost(WAIT).until(() -> "Healthy".equals(sandbox.clusterStatus("prod")));
    await().atMost(WAIT).untilAsserted(() -> assertVerdict(scrape(), "Healthy", 3, 3));

    sandbox.cluster.node(2).setFault(Fault.STOPPED);
    await().atMost(WAIT).until(() -> "Degraded".equals(sandbox.clusterStatus("prod")));
    await().atMost(WAIT).untilAsserted(() -> assertVerdict(scrape(), "Degraded", 2, 3));
    PrometheusText degraded = scrape();
    assertThat(value(degraded, "vigil_warnings", watchAnd("type", "ConnectionError"))).isEqualTo(1.0);

    Map<String, String> types = degraded.types();
    for (String gauge : List.of("vigil_cluster_status", "vigil_nodes_healthy", "vigil_nodes", "vigil_needs_attention",
        "vigil_warnings")) {
      assertThat(types).as(gauge).containsEntry(gauge, "gauge");
    }
    assertThat(types).containsEntry("vigil_poll_duration_seconds", "histogram");
    double polls = value(degraded, "vigil_poll_duration_seconds_count", watch());
    assertThat(polls).isGreaterThanOrEqualTo(1);
    assertThat(value(degraded, "vigil_poll_duration_seconds_sum", watch())).isPositive();
    List<PrometheusText.Sample> buckets = degraded.all("vigil_poll_duration_seconds_bucket", watch());
    assertThat(buckets).hasSizeGreaterThan(5);
    assertThat(buckets.stream().map(PrometheusText.Sample::value).toList()).isSorted();
    assertThat(value(degraded, "vigil_poll_duration_seconds_bucket", watchAnd("le", "+Inf"))).isEqualTo(polls);

    // JOSDK's own metrics (its micrometer support), in the same registry.
    assertThat(value(degraded, "operator_sdk_reconciliations_success_total",
        Map.of("namespace", sandbox.namespace, "name", "prod"))).isGreaterThanOrEqualTo(1);
    assertThat(value(degraded, "operator_sdk_controllers_execution_reconcile_success_total",
        Map.of("controller", "qdrantclusterwatch"))).isGreaterThanOrEqualTo(1);

    Kubectl.Result annotated = server.kubectl().run("annotate", "qcw", "prod", "-n", sandbox.namespace,
        "qdrantvigil.io/poll=now");
    assertThat(annotated.exitCode()).as(annotated.toString()).isZero();
    await().atMost(WAIT).untilAsserted(() -> assertThat(scrape().value("vigil_actions_total",
        Map.of("namespace", sandbox.namespace, "watch", "prod", "action", "poll", "outcome", "Succeeded")))
        .contains(1.0));
    assertThat(scrape().types()).containsEntry("vigil_actions_total", "counter");

    Scrape metrics = get("/metrics");
    assertThat(metrics.contentType()).startsWith("text/plain").contains("version=0.0.4");
    assertThat(get("/healthz")).isEqualTo(new Scrape(200, "text/plain; charset=utf-8", "ok"));
    assertThat(get("/readyz")).isEqualTo(new Scrape(200, "text/plain; charset=utf-8", "ready"));

    sandbox.cluster.node(2).heal();
    await().atMost(WAIT).until(() -> "Healthy".equals(sandbox.clusterStatus("prod")));
    await().atMost(WAIT).untilAsserted(() -> {
      PrometheusText healed = scrape();
      assertVerdict(healed, "Healthy", 3, 3);
      assertThat(value(healed, "vigil_warnings", watchAnd("type", "ConnectionError"))).as("reset, not left at 1")
          .isZero();
    });

    client.resources(QdrantClusterWatch.class).inNamespace(sandbox.namespace).withName("prod").delete();
    await().atMost(WAIT).untilAsserted(() -> assertThat(scrape().samples())
        .as("a deleted watch's series go, or its last verdict would stay forever")
        .filteredOn(s -> s.name().startsWith("vigil_") && sandbox.namespace.equals(s.labels().get("namespace")))
        .isEmpty());
  }
}
