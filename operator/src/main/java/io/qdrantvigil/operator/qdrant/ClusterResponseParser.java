package io.qdrantvigil.operator.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads Qdrant's {@code GET /cluster} body. Peer ids are read from the JSON text, so ids above
 * 2^63 survive exactly. Any shape it does not understand is an {@link InvalidResponseException}.
 */
public final class ClusterResponseParser {

  private ClusterResponseParser() {}

  /** Returns null when the cluster is {@code disabled} (standalone mode). */
  public static ClusterInfo parse(JsonNode body) {
    JsonNode result = body.path("result");
    if (!result.isObject()) {
      throw new InvalidResponseException("no result object in /cluster response");
    }
    String status = result.path("status").asText("");
    if ("disabled".equals(status)) {
      return null;
    }
    if (!result.has("peer_id")) {
      throw new InvalidResponseException("no peer_id in /cluster response");
    }
    PeerId self = peerId(result.get("peer_id"), "peer_id");
    return new ClusterInfo(self, peers(result.path("peers")), raft(result.path("raft_info")),
        consensus(result.path("consensus_thread_status")), sendFailures(result.path("message_send_failures")));
  }

  static PeerId peerId(JsonNode node, String field) {
    if (node == null || !node.isIntegralNumber()) {
      throw new InvalidResponseException(field + " is not an integer: " + node);
    }
    try {
      return PeerId.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidResponseException(field + ": " + e.getMessage());
    }
  }

  private static Map<PeerId, String> peers(JsonNode peers) {
    Map<PeerId, String> result = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = peers.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      try {
        result.put(PeerId.parse(entry.getKey()), entry.getValue().path("uri").asText(null));
      } catch (IllegalArgumentException e) {
        throw new InvalidResponseException("peers: " + e.getMessage());
      }
    }
    return result;
  }

  private static ClusterInfo.RaftInfo raft(JsonNode raft) {
    JsonNode leader = raft.path("leader");
    PeerId leaderId = leader.isNull() || leader.isMissingNode() ? null : peerId(leader, "raft_info.leader");
    String role = raft.path("role").isTextual() ? raft.get("role").asText() : null;
    return new ClusterInfo.RaftInfo(raft.path("term").asLong(), raft.path("commit").asLong(),
        raft.path("pending_operations").asLong(), leaderId, role, raft.path("is_voter").asBoolean(true));
  }

  private static ClusterInfo.ConsensusStatus consensus(JsonNode status) {
    return new ClusterInfo.ConsensusStatus(status.path("consensus_thread_status").asText(null),
        instant(status.path("last_update")), status.path("err").asText(null));
  }

  private static Map<String, ClusterInfo.SendFailure> sendFailures(JsonNode failures) {
    Map<String, ClusterInfo.SendFailure> result = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = failures.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      JsonNode failure = entry.getValue();
      result.put(entry.getKey(), new ClusterInfo.SendFailure(failure.path("count").asLong(),
          failure.path("latest_error").asText(null), instant(failure.path("latest_error_timestamp"))));
    }
    return result;
  }

  private static Instant instant(JsonNode node) {
    if (!node.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new InvalidResponseException("not an RFC 3339 time: " + node.asText());
    }
  }
}
