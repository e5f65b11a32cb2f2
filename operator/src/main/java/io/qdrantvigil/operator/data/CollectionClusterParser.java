package io.qdrantvigil.operator.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code GET /collections/{name}/cluster} (API.md 4): the asked peer's local shards (hosted
 * by its {@code peer_id}) and the remote ones, merged into one placement per shard.
 */
public final class CollectionClusterParser {

  private CollectionClusterParser() {}

  public static CollectionPlacement parse(String name, JsonNode body) {
    JsonNode result = DataJson.result(body, "/collections/{name}/cluster");
    PeerId self = DataJson.peerId(result.get("peer_id"), "peer_id");
    Map<Long, List<Replica>> replicas = new TreeMap<>();
    Map<Long, String> keys = new TreeMap<>();
    for (JsonNode local : result.path("local_shards")) {
      long shard = DataJson.shardId(local.get("shard_id"), "local_shards.shard_id");
      replicas.computeIfAbsent(shard, s -> new ArrayList<>()).add(new Replica(self, DataJson.state(local, "local_shards")));
      keys.putIfAbsent(shard, DataJson.text(local.get("shard_key")));
    }
    for (JsonNode remote : result.path("remote_shards")) {
      long shard = DataJson.shardId(remote.get("shard_id"), "remote_shards.shard_id");
      replicas.computeIfAbsent(shard, s -> new ArrayList<>()).add(new Replica(
          DataJson.peerId(remote.get("peer_id"), "remote_shards.peer_id"), DataJson.state(remote, "remote_shards")));
      keys.putIfAbsent(shard, DataJson.text(remote.get("shard_key")));
    }
    List<Shard> shards = new ArrayList<>();
    replicas.forEach((id, list) -> {
      list.sort(Comparator.comparing(Replica::peer));
      shards.add(new Shard(id, keys.get(id), list));
    });
    return new CollectionPlacement(name, shards, DataJson.transfers(result.get("shard_transfers"), "shard_transfers"));
  }
}
