package io.qdrantvigil.operator.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.qdrantvigil.operator.actions.ActionOutcomeListener;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.data.DataAssessment;
import io.qdrantvigil.operator.data.DataStates;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Per-watch metrics: verdict, healthy and total nodes, warnings by type, the data view (its state,
 * unreadable shards, replicas by state, running and stuck transfers), a needs-attention flag
 * (1 while not Healthy), poll duration, the time of the last completed poll (a watch whose
 * {@code vigil_last_poll_timestamp_seconds} falls behind is not being polled), and actions by
 * type and outcome.
 */
public final class WatchMetrics implements ActionOutcomeListener {

  private static final List<String> STATUSES = List.of(QdrantClusterWatchStatus.HEALTHY,
      QdrantClusterWatchStatus.DEGRADED, QdrantClusterWatchStatus.UNAVAILABLE);

  private final MeterRegistry registry;
  private final Map<GaugeKey, AtomicInteger> gauges = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicLong> lastPolls = new ConcurrentHashMap<>();

  private record GaugeKey(String name, Tags tags) {
    boolean ofWatch(String namespace, String watch) {
      return has("namespace", namespace) && has("watch", watch);
    }

    private boolean has(String key, String value) {
      return tags.stream().anyMatch(t -> t.getKey().equals(key) && t.getValue().equals(value));
    }
  }

  public WatchMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void polled(QdrantClusterWatch watch, ClusterAssessment assessment, Duration pollTime, Instant polledAt) {
    Tags tags = Tags.of("namespace", watch.getMetadata().getNamespace(), "watch", watch.getMetadata().getName());
    for (String status : STATUSES) {
      gauge("vigil_cluster_status", tags.and("status", status), status.equals(assessment.clusterStatus()) ? 1 : 0);
    }
    gauge("vigil_nodes_healthy", tags, assessment.healthyNodes());
    gauge("vigil_nodes", tags, assessment.totalNodes());
    gauge("vigil_needs_attention", tags,
        QdrantClusterWatchStatus.HEALTHY.equals(assessment.clusterStatus()) ? 0 : 1);
    Map<String, Long> byType = assessment.warnings().stream()
        .collect(Collectors.groupingBy(Problem::type, Collectors.counting()));
    String namespace = watch.getMetadata().getNamespace();
    String name = watch.getMetadata().getName();
    zero("vigil_warnings", namespace, name);
    byType.forEach((type, count) -> gauge("vigil_warnings", tags.and("type", type), count.intValue()));
    if (assessment.data() != null) {
      data(tags, namespace, name, assessment.data());
    }
    Timer.builder("vigil_poll_duration").description("wall time of one poll of all nodes of a watch")
        .tags(tags).publishPercentileHistogram()
        .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(10))
        .register(registry).record(pollTime);
    lastPolls.computeIfAbsent(tags, key -> {
      AtomicLong holder = new AtomicLong();
      Gauge.builder("vigil_last_poll_timestamp_seconds", holder, AtomicLong::get)
          .description("end of the last completed poll of a watch, seconds since the epoch")
          .tags(key).register(registry);
      return holder;
    }).set(polledAt.getEpochSecond());
  }

  private void data(Tags tags, String namespace, String name, DataAssessment data) {
    for (String state : DataStates.ALL) {
      gauge("vigil_data_state", tags.and("state", state), state.equals(data.state()) ? 1 : 0);
    }
    gauge("vigil_shards_unreadable", tags, data.unreadableShards());
    zero("vigil_replicas", namespace, name);
    data.replicasByState().forEach((state, count) -> gauge("vigil_replicas", tags.and("state", state), count));
    gauge("vigil_transfers_running", tags, data.transfers().size());
    gauge("vigil_transfers_stuck", tags, (int) data.stuckTransfers());
  }

  /** A labelled series that is absent from this poll reads 0, not its last value. */
  private void zero(String metric, String namespace, String name) {
    gauges.forEach((key, holder) -> {
      if (key.name().equals(metric) && key.ofWatch(namespace, name)) {
        holder.set(0);
      }
    });
  }

  @Override
  public void finished(QdrantClusterWatch watch, ActionRecord record) {
    Counter.builder("vigil_actions").description("action requests by type and outcome")
        .tags("namespace", watch.getMetadata().getNamespace(), "watch", watch.getMetadata().getName(),
            "action", record.action(), "outcome", record.outcome())
        .register(registry).increment();
  }

  /** A deleted watch's meters go, or its last verdict (and needs_attention) would stay forever. */
  public void forget(String namespace, String name) {
    List<Meter> owned = registry.getMeters().stream()
        .filter(m -> namespace.equals(m.getId().getTag("namespace")) && name.equals(m.getId().getTag("watch")))
        .filter(m -> m.getId().getName().startsWith("vigil_"))
        .toList();
    owned.forEach(registry::remove);
    gauges.keySet().removeIf(key -> key.ofWatch(namespace, name));
    lastPolls.keySet().removeIf(tags -> new GaugeKey("", tags).ofWatch(namespace, name));
  }

  private void gauge(String name, Tags tags, int value) {
    gauges.computeIfAbsent(new GaugeKey(name, tags), key -> {
      AtomicInteger holder = new AtomicInteger();
      Gauge.builder(name, holder, AtomicInteger::get).tags(tags).register(registry);
      return holder;
    }).set(value);
  }
}
