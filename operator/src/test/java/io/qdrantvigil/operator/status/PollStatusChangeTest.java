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

  private static NodeTarget pod(int ordinal) {
    return NodeTarget.ofPod(new PodFacts("db", "qdrant-" + ordinal, "qdrant", "10.0.0." + ordinal, null, "qdrant",
        6333));
  }

  /** qdrant-2 stopped; the leader's send-failure count, error time and Raft commit move at every poll. */
  private static ClusterAssessment oneNodeDown(int poll) {
    com.fasterxml.jackson.databind.node.ObjectNode leader =
        (com.fasterxml.jackson.databind.node.ObjectNode) QdrantExamples.json("cluster-leader-with-dead-peer.json");
    var result = (com.fasterxml.jackson.databind.node.ObjectNode) leader.get("result");
    String later = T0.plusSeconds(5L * poll).toString();
    ((com.fasterxml.jackson.databind.node.ObjectNode) result.get("raft_info")).put("commit", 100 + poll)
        .put("term", 2 + poll);
    ((com.fasterxml.jackson.databind.node.ObjectNode) result.get("consensus_thread_status")).put("last_update", later);
    ((com.fasterxml.jackson.databind.node.ObjectNode) result.get("message_send_failures")
        .get("http://qdrant-2.qdrant-headless:6335/")).put("count", 57 + poll).put("latest_error_timestamp", later);
    com.fasterxml.jackson.databind.JsonNode follower = QdrantExamples.json("cluster-follower.json");
    ((com.fasterxml.jackson.databind.node.ObjectNode) follower.get("result").get("raft_info")).put("term", 2 + poll);
    return ClusterAssessor.assess(new DiscoveryResult("pods", List.of(), null), List.of(
        new NodeObservation(pod(0), Fetch.ok(leader), Fetch.ok(QdrantExamples.json("root.json")),
            Fetch.ok(QdrantExamples.json("collections.json")), Fetch.failed(FailureKind.CONNECTION, "no /issues")),
        new NodeObservation(pod(1), Fetch.ok(follower), Fetch.ok(QdrantExamples.json("root.json")),
            Fetch.ok(QdrantExamples.json("collections.json")), Fetch.failed(FailureKind.CONNECTION, "no /issues")),
        new NodeObservation(pod(2), Fetch.failed(FailureKind.CONNECTION, "Connection refused"),
            Fetch.failed(FailureKind.CONNECTION, "Connection refused"),
            Fetch.failed(FailureKind.CONNECTION, "Connection refused"),
            Fetch.failed(FailureKind.CONNECTION, "Connection refused"))));
  }

  @Test
  void aClusterBrokenTheSameWayIsWrittenOnceAMinuteWhileItsCountersMove() throws Exception {
    QdrantClusterWatchStatus first = stored(PollStatusChange.apply(null, oneNodeDown(0), 1, T0));
    assertThat(first.clusterStatus()).isEqualTo("Degraded");
    QdrantClusterWatchStatus current = first;
    int writes = 0;
    for (int poll = 1; poll <= 24; poll++) {
      QdrantClusterWatchStatus next = PollStatusChange.apply(current, oneNodeDown(poll), 1, T0.plusSeconds(5L * poll));
      if (next != current) {
        writes++;
        current = stored(next);
      }
    }
    assertThat(writes).isEqualTo(2);
    assertThat(current.warnings()).anySatisfy(w -> assertThat(w.error()).contains("81 failures"));
    assertThat(current.nodes().get(0).raft().commit()).isEqualTo(124);
  }

  @Test
  void comparedTextsHoldNoMovingNumbers() throws Exception {
    QdrantClusterWatchStatus status = stored(PollStatusChange.apply(null, oneNodeDown(3), 1, T0));
    assertThat(status.warnings()).allSatisfy(w -> assertThat(w.message()).doesNotContain("60").doesNotContain("12:30"));
    assertThat(status.conditions()).allSatisfy(c -> assertThat(c.getMessage()).doesNotContain("60")
        .doesNotContain("12:30"));
  }

  @Test
  void aNodeChangingStateIsWrittenAtOnceDuringAnIncident() throws Exception {
    QdrantClusterWatchStatus degraded = stored(PollStatusChange.apply(null, oneNodeDown(0), 1, T0));
    QdrantClusterWatchStatus healed = PollStatusChange.apply(degraded, healthy(), 1, T0.plusSeconds(5));
    assertThat(healed).isNotSameAs(degraded);
    assertThat(healed.clusterStatus()).isEqualTo("Healthy");
  }

  @Test
  void aMalformedLastPollTimeIsRepairedNotThrown() throws Exception {
    QdrantClusterWatchStatus first = stored(PollStatusChange.apply(null, healthy(), 1, T0));
    QdrantClusterWatchStatus mangled = JSON.readValue(JSON.writeValueAsString(first)
        .replace(first.lastPollTime(), "yesterday"), QdrantClusterWatchStatus.class);
    assertThat(PollStatusChange.apply(mangled, healthy(), 1, T0.plusSeconds(5)).lastPollTime())
        .isEqualTo(T0.plusSeconds(5).toString());
  }
}
