package io.qdrantvigil.operator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.data.DataAssessment;
import io.qdrantvigil.operator.data.DataMemo;
import io.qdrantvigil.operator.data.Transfer;
import io.qdrantvigil.operator.data.TransferAssessment;
import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.ClusterAssessor;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  @Test
  void theDataViewIsExportedPerWatchAndStateWithAbsentStatesAtZero() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WatchMetrics metrics = new WatchMetrics(registry);
    var nodes = ClusterAssessor.assess(new DiscoveryResult("none", List.of(), "nothing"), List.of());
    PeerId peer = new PeerId(1);
    Transfer transfer = new Transfer(0, peer, new PeerId(2), true, "snapshot", null);
    DataAssessment data = new DataAssessment("Unavailable", List.of(), List.of(),
        List.of(new TransferAssessment("c", transfer, "1", "2", Instant.EPOCH, true)), 3, 1, 2, 3,
        Map.of("Active", 2, "Dead", 1), Map.of(peer, 3), Map.of(peer, 1), DataMemo.EMPTY, null, List.of(), Set.of());
    var assessment = new ClusterAssessment(nodes.clusterStatus(), 0, 0, null, nodes.warnings(), List.of(),
        nodes.discovery(), data);
    metrics.polled(watch("prod"), assessment, Duration.ofMillis(20), Instant.EPOCH);
    String scrape = registry.scrape();
    assertThat(scrape).contains("vigil_data_state{namespace=\"db\",state=\"Unavailable\",watch=\"prod\"} 1.0")
        .contains("vigil_data_state{namespace=\"db\",state=\"Healthy\",watch=\"prod\"} 0.0")
        .contains("vigil_shards_unreadable{namespace=\"db\",watch=\"prod\"} 1.0")
        .contains("vigil_replicas{namespace=\"db\",state=\"Dead\",watch=\"prod\"} 1.0")
        .contains("vigil_transfers_running{namespace=\"db\",watch=\"prod\"} 1.0")
        .contains("vigil_transfers_stuck{namespace=\"db\",watch=\"prod\"} 1.0");

    DataAssessment healed = new DataAssessment("Healthy", List.of(), List.of(), List.of(), 3, 0, 3, 3,
        Map.of("Active", 3), Map.of(peer, 3), Map.of(), DataMemo.EMPTY, null, List.of(), Set.of());
    metrics.polled(watch("prod"), new ClusterAssessment(nodes.clusterStatus(), 0, 0, null, nodes.warnings(),
        List.of(), nodes.discovery(), healed), Duration.ofMillis(20), Instant.EPOCH);
    assertThat(registry.scrape()).contains("vigil_replicas{namespace=\"db\",state=\"Dead\",watch=\"prod\"} 0.0")
        .contains("vigil_data_state{namespace=\"db\",state=\"Healthy\",watch=\"prod\"} 1.0");
  }
}
