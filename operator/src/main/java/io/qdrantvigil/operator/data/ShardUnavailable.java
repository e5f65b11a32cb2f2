package io.qdrantvigil.operator.data;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A shard with no readable replica on a reachable peer cannot be read: the verdict is Degraded. */
public final class ShardUnavailable {

  private ShardUnavailable() {}

  public static List<DataFinding> find(List<CollectionPlacement> collections, DataContext context) {
    List<DataFinding> findings = new ArrayList<>();
    for (CollectionPlacement collection : collections) {
      for (Shard shard : collection.shards()) {
        if (shard.replicas().stream().noneMatch(context::readable)) {
          findings.add(new DataFinding(DataWarningTypes.SHARD_UNAVAILABLE, null, List.of(collection.name()),
              shard.id(), "collection " + collection.name() + " shard " + shard.id()
                  + " has no readable replica: " + where(shard, context), true));
        }
      }
    }
    return findings;
  }

  static String where(Shard shard, DataContext context) {
    if (shard.replicas().isEmpty()) {
      return "no replica at all";
    }
    return shard.replicas().stream()
        .map(r -> context.display(r.peer()) + " " + r.state() + (context.reachable(r.peer()) ? "" : " (peer down)"))
        .collect(Collectors.joining(", "));
  }
}
