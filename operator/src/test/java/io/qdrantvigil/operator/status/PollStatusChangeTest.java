package io.qdrantvigil.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrantvigil.operator.QdrantExamples;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.discovery.PodFacts;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.ClusterAssessor;
import io.qdrantvigil.operator.probe.NodeObservation;
import io.qdrantvigil.operator.qdrant.FailureKind;
import io.qdrantvigil.operator.qdrant.Fetch;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollStatusChangeTest {

  private static final Instant T0 = Instant.parse("2026-08-04T12:30:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ClusterAssessment healthy() {
    NodeTarget target = NodeTarget.ofPod(new PodFacts("db", "qdrant-0", "qdrant", "10.0.0.1", null, "qdrant", 6333));
    return ClusterAssessor.assess(new DiscoveryResult("pods", List.of(), null), List.of(new NodeObservation(target,
        Fetch.ok(QdrantExamples.json("cluster-leader.json")), Fetch.ok(QdrantExamples.json("root.json")),
        Fetch.ok(QdrantExamples.json("collections.json")), Fetch.failed(FailureKind.CONNECTION, "no /issues"))));
  }

  /** What the API server gives back: the status after a JSON round trip. */
  private static QdrantClusterWatchStatus stored(QdrantClusterWatchStatus status) throws Exception {
    return JSON.readValue(JSON.writeValueAsString(status), QdrantClusterWatchStatus.class);
  }

  @Test
  void anUnchangedPollWithinAMinuteWritesNothingEvenAfterARoundTrip() throws Exception {
    QdrantClusterWatchStatus first = stored(PollStatusChange.apply(null, healthy(), 1, T0));
    assertThat(PollStatusChange.apply(first, healthy(), 1, T0.plusSeconds(5))).isSameAs(first);
    assertThat(PollStatusChange.apply(first, healthy(), 1, T0.plusSeconds(59))).isSameAs(first);
  }

  @Test
  void lastPollTimeIsRefreshedOnceAMinute() throws Exception {
    QdrantClusterWatchStatus first = stored(PollStatusChange.apply(null, healthy(), 1, T0));
    QdrantClusterWatchStatus refreshed = PollStatusChange.apply(first, healthy(), 1, T0.plusSeconds(60));
    assertThat(refreshed).isNotSameAs(first);
    assertThat(refreshed.lastPollTime()).isEqualTo("2026-08-04T12:31:00Z");
  }

  @Test
  void aChangeIsWrittenAtOnce() throws Exception {
    QdrantClusterWatchStatus first = stored(PollStatusChange.apply(null, healthy(), 1, T0));
    QdrantClusterWatchStatus newGeneration = PollStatusChange.apply(first, healthy(), 2, T0.plusSeconds(5));
    assertThat(newGeneration.observedGeneration()).isEqualTo(2);
  }
}
