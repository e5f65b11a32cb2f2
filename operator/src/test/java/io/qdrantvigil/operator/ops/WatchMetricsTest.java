package io.qdrantvigil.operator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.health.ClusterAssessor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchMetricsTest {

  private static QdrantClusterWatch watch(String name) {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName(name);
    watch.getMetadata().setNamespace("db");
    return watch;
  }

  @Test
  void theLastPollTimeIsExportedPerWatchAndGoesWithTheWatch() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WatchMetrics metrics = new WatchMetrics(registry);
    var assessment = ClusterAssessor.assess(new DiscoveryResult("none", List.of(), "nothing"), List.of());
    metrics.polled(watch("prod"), assessment, Duration.ofMillis(20), Instant.parse("2026-08-04T12:30:00Z"));
    metrics.polled(watch("prod"), assessment, Duration.ofMillis(20), Instant.parse("2026-08-04T12:30:05Z"));
    assertThat(registry.scrape()).contains(
        "vigil_last_poll_timestamp_seconds{namespace=\"db\",watch=\"prod\"} 1.785846605E9");
    metrics.forget("db", "prod");
    assertThat(registry.scrape()).doesNotContain("vigil_last_poll_timestamp_seconds{");
  }
}
