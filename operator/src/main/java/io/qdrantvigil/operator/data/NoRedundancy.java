package io.qdrantvigil.operator.data;

import java.util.List;

/**
 * Collections that keep some data in a single copy (replication factor 1, or a shard with one
 * replica) in a cluster of two or more peers: losing one node loses that data. One warning names
 * them all.
 */
public final class NoRedundancy {

  private NoRedundancy() {}

  public static List<DataFinding> find(List<CollectionPlacement> collections, DataContext context) {
    if (context.membership().size() < 2) {
      return List.of();
    }
    List<String> single = collections.stream()
        .filter(c -> Integer.valueOf(1).equals(context.replicationFactor(c.name()))
            || c.shards().stream().anyMatch(s -> s.replicas().size() == 1))
        .map(CollectionPlacement::name)
        .toList();
    if (single.isEmpty()) {
      return List.of();
    }
    return List.of(new DataFinding(DataWarningTypes.NO_REDUNDANCY, null, single, null,
        single.size() + " collection(s) keep data in a single copy (replication factor 1 or a shard with one "
            + "replica; losing one node loses it; raise replication_factor and replicate_shard): "
            + String.join(", ", single), false));
  }
}
