package io.qdrantvigil.operator.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdrantvigil.operator.qdrant.InvalidResponseException;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code GET /cluster/telemetry?details_level=3} (Qdrant 1.17+, API.md 14): every
 * collection's shards with their replica states, the transfers, and which peers answered.
 */
public final class TelemetryViewParser {

  private TelemetryViewParser() {}

  public static DataView parse(JsonNode body, String node, Instant readAt) {
    JsonNode result = DataJson.result(body, "/cluster/telemetry");
    JsonNode collections = result.path("collections");
    if (!collections.isObject()) {
      throw new InvalidResponseException("/cluster/telemetry has no collections object");
    }
    List<CollectionPlacement> placements = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> entries = collections.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      placements.add(collection(entry.getKey(), entry.getValue()));
    }
    placements.sort(Comparator.comparing(CollectionPlacement::name));
    return new DataView(node, DataView.TELEMETRY, placements, responsive(result.path("cluster").path("peers")), readAt);
  }

  private static CollectionPlacement collection(String name, JsonNode collection) {
    String field = "collections." + Texts.cut(name);
    List<Shard> shards = new ArrayList<>();
    JsonNode shardList = collection.path("shards");
    for (JsonNode shard : shardList.isArray() ? shardList : List.<JsonNode>of()) {
      List<Replica> replicas = new ArrayList<>();
      for (JsonNode replica : shard.path("replicas")) {
        replicas.add(new Replica(DataJson.peerId(replica.get("peer_id"), field + ".replicas.peer_id"),
            DataJson.state(replica, field + ".replicas")));
      }
      replicas.sort(Comparator.comparing(Replica::peer));
      shards.add(new Shard(DataJson.shardId(shard.get("id"), field + ".shards.id"), DataJson.text(shard.get("key")),
          replicas));
    }
    shards.sort(Comparator.comparingLong(Shard::id));
    return new CollectionPlacement(name, shards, DataJson.transfers(collection.get("shard_transfers"),
        field + ".shard_transfers"));
  }

  private static Map<PeerId, Boolean> responsive(JsonNode peers) {
    Map<PeerId, Boolean> result = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> entries = peers.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      try {
        result.put(PeerId.parse(entry.getKey()), entry.getValue().path("responsive").asBoolean(true));
      } catch (IllegalArgumentException e) {
        throw new InvalidResponseException("cluster.peers: " + Texts.cut(e.getMessage()));
      }
    }
    return result;
  }
}
