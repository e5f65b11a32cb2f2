package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** /metrics as Prometheus scrapes it, while the operator watches a sandbox cluster with a failed node. */
class MetricsScrapeEndToEndTest extends OperatorOnRealApiServer {

  private String scrape(String path) throws IOException {
    try (Response response = new OkHttpClient().newCall(new Request.Builder()
        .url("http://127.0.0.1:" + operator.httpPort() + path).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return response.body().string();
    }
  }

  @Test
  void everyWatchMetricHasTheRightValueAfterANodeFails() throws Exception {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    sandbox.cluster.node(2).setFault(Fault.STOPPED);
    awaitStatus("prod", s -> "Degraded".equals(s.clusterStatus()));
    // Prometheus text lists labels in alphabetical order.
    String ns = "namespace=\"" + sandbox.namespace + "\"";
    String labels = ns + ",watch=\"prod\"";
    await().atMost(WAIT).untilAsserted(() -> {
      String metrics = scrape("/metrics");
      assertThat(metrics)
          .contains("vigil_cluster_status{" + ns + ",status=\"Degraded\",watch=\"prod\"} 1.0")
          .contains("vigil_cluster_status{" + ns + ",status=\"Healthy\",watch=\"prod\"} 0.0")
          .contains("vigil_nodes_healthy{" + labels + "} 2.0")
          .contains("vigil_nodes{" + labels + "} 3.0")
          .contains("vigil_needs_attention{" + labels + "} 1.0")
          .contains("vigil_warnings{" + ns + ",type=\"ConnectionError\",watch=\"prod\"} 1.0")
          .containsPattern("vigil_poll_duration_seconds_count\\{" + labels + "\\} [1-9]")
          .contains("vigil_poll_duration_seconds_bucket{")
          .contains("operator_sdk_");
    });
    var annotate = server.kubectl().run("annotate", "qcw", "prod", "-n", sandbox.namespace, "qdrantvigil.io/poll=now");
    assertThat(annotate.exitCode()).as(annotate.toString()).isZero();
    await().atMost(WAIT).untilAsserted(() -> assertThat(scrape("/metrics"))
        .contains("vigil_actions_total{action=\"poll\"," + ns + ",outcome=\"Succeeded\",watch=\"prod\"} 1.0"));
    assertThat(scrape("/healthz")).isEqualTo("ok");
    assertThat(scrape("/readyz")).isEqualTo("ready");

    sandbox.client.resources(QdrantClusterWatch.class).inNamespace(sandbox.namespace).withName("prod").delete();
    await().atMost(WAIT).untilAsserted(() -> assertThat(scrape("/metrics").lines()
        .filter(line -> line.startsWith("vigil_") && line.contains(ns))).isEmpty());
  }
}
