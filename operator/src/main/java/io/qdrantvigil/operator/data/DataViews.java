package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.probe.NodeObservation;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data view of every watch: one probe per watch (its caches, rotation and last view) and the
 * memo of ages, kept in memory between polls and taken from the status after a restart.
 */
public final class DataViews {

  private final QdrantClient client;
  private final Clock clock;
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();

  private static final class Watch {
    final DataProbe probe;
    DataMemo memo;

    Watch(DataProbe probe) {
      this.probe = probe;
    }
  }

  public DataViews(QdrantClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Reads and judges the data view after the node probe; {@code stored} is the memo in the status. */
  public DataAssessment assess(String namespace, String name, ClusterAssessment nodes,
      List<NodeObservation> observations, Duration timeout, Duration stuckAfter, String apiKey, DataMemo stored) {
    Watch watch = watches.computeIfAbsent(namespace + "/" + name, key -> new Watch(new DataProbe(client, clock)));
    DataReading reading = watch.probe.read(DataInputs.sources(nodes, observations), DataInputs.preferredNode(nodes),
        timeout, apiKey);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    DataContext context = DataInputs.context(nodes, reading.replicationFactors(), stuckAfter, now);
    DataAssessment assessment = DataAssessor.assess(reading, context, watch.memo != null ? watch.memo : stored);
    watch.memo = assessment.memo();
    return assessment;
  }

  public void forget(String namespace, String name) {
    watches.remove(namespace + "/" + name);
  }
}
