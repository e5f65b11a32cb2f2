package io.qdrantvigil.operator.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdrantvigil.operator.qdrant.InvalidResponseException;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.ArrayList;
import java.util.List;

/** Field readers shared by the data view's parsers: exact unsigned ids, bounded texts, shape errors. */
final class DataJson {

  private DataJson() {}

  /** Read from the number's text, so ids above 2^63 (and 2^53) survive exactly. */
  static PeerId peerId(JsonNode node, String field) {
    if (node == null || !node.isIntegralNumber()) {
      throw new InvalidResponseException(field + " is not an integer: " + Texts.cut(String.valueOf(node)));
    }
    try {
      return PeerId.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidResponseException(field + ": " + Texts.cut(e.getMessage()));
    }
  }

  static long shardId(JsonNode node, String field) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
      throw new InvalidResponseException(field + " is not a shard id: " + Texts.cut(String.valueOf(node)));
    }
    return node.asLong();
  }

  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return Texts.cut(node.isTextual() ? node.asText() : node.toString());
  }

  static String state(JsonNode replica, String field) {
    JsonNode state = replica.get("state");
    if (state == null || !state.isTextual()) {
      throw new InvalidResponseException(field + ".state is not a text: " + Texts.cut(String.valueOf(state)));
    }
    return Texts.cut(state.asText());
  }

  static List<Transfer> transfers(JsonNode transfers, String field) {
    List<Transfer> result = new ArrayList<>();
    if (transfers == null || transfers.isNull() || transfers.isMissingNode()) {
      return result;
    }
    if (!transfers.isArray()) {
      throw new InvalidResponseException(field + " is not a list");
    }
    for (JsonNode t : transfers) {
      result.add(new Transfer(shardId(t.get("shard_id"), field + ".shard_id"), peerId(t.get("from"), field + ".from"),
          peerId(t.get("to"), field + ".to"), t.path("sync").asBoolean(false), text(t.get("method")),
          text(t.get("comment"))));
    }
    return result;
  }

  static JsonNode result(JsonNode body, String what) {
    JsonNode result = body == null ? null : body.get("result");
    if (result == null || !result.isObject()) {
      throw new InvalidResponseException("no result object in " + what + " response");
    }
    return result;
  }
}
