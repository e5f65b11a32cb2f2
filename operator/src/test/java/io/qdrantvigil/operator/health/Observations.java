package io.qdrantvigil.operator.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.LongNode;
import io.qdrantvigil.operator.QdrantExamples;
import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.discovery.PodFacts;
import io.qdrantvigil.operator.probe.NodeObservation;
import io.qdrantvigil.operator.qdrant.FailureKind;
import io.qdrantvigil.operator.qdrant.Fetch;

/** Builds observations of pods qdrant-0..2 from the shared examples (qdrant-N is the peer its p2p URI names). */
final class Observations {

  static final long PEER_0 = 5214719862031498L;
  static final long PEER_1 = 8735617003849162L;
  static final long PEER_2 = 1187436102589467L;

  private Observations() {}

  static NodeTarget pod(int ordinal) {
    return NodeTarget.ofPod(new PodFacts("db", "qdrant-" + ordinal, "qdrant", "10.0.0." + (10 + ordinal), null,
        "qdrant", 6333));
  }

  static NodeTarget podNotRunning(int ordinal, String reason) {
    return NodeTarget.ofPod(new PodFacts("db", "qdrant-" + ordinal, "qdrant", "10.0.0." + (10 + ordinal), reason,
        "qdrant", 6333));
  }

  static NodeObservation answering(NodeTarget target, JsonNode cluster) {
    return new NodeObservation(target, Fetch.ok(cluster), Fetch.ok(QdrantExamples.json("root.json")),
        Fetch.ok(QdrantExamples.json("collections.json")), Fetch.ok(emptyIssues()));
  }

  static NodeObservation answering(int ordinal, String clusterExample) {
    return answering(pod(ordinal), QdrantExamples.json(clusterExample));
  }

  /** The follower example as seen from another peer id. */
  static JsonNode followerAs(long peerId) {
    return QdrantExamples.withResult("cluster-follower.json", "peer_id", LongNode.valueOf(peerId));
  }

  static NodeObservation failing(NodeTarget target, FailureKind kind) {
    Fetch<JsonNode> failed = Fetch.failed(kind, kind + " from test");
    return new NodeObservation(target, failed, failed, failed, failed);
  }

  static JsonNode emptyIssues() {
    try {
      return new ObjectMapper().readTree("{\"result\":{\"issues\":[]},\"status\":\"ok\",\"time\":0.00001}");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
