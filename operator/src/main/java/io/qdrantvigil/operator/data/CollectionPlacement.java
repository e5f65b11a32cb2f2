package io.qdrantvigil.operator.data;

import java.util.List;

/** Where one collection's data is: its shards with their replicas, and the transfers running. */
public record CollectionPlacement(String name, List<Shard> shards, List<Transfer> transfers) {

  public CollectionPlacement {
    name = Texts.cut(name);
    shards = List.copyOf(shards);
    transfers = List.copyOf(transfers);
  }

  public int replicaCount() {
    return shards.stream().mapToInt(s -> s.replicas().size()).sum();
  }
}
