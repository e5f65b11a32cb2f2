package io.qdrantvigil.operator.data;

import java.util.List;

/** One shard of a collection and its replicas, sorted by peer id. {@code key} only with custom sharding. */
public record Shard(long id, String key, List<Replica> replicas) {

  public Shard {
    key = Texts.cut(key);
    replicas = List.copyOf(replicas);
  }
}
