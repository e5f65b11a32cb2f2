package io.qdrantvigil.operator.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A readable shard with fewer readable replicas than its collection's replication factor. Only
 * judged where the factor is not above the number of peers (a factor the cluster cannot hold is
 * Qdrant's own choice, not a loss); unreadable shards are {@link ShardUnavailable}'s.
 */
public final class UnderReplicated {

  private UnderReplicated() {}

  public static List<DataFinding> find(List<CollectionPlacement> collections, DataContext context) {
    List<DataFinding> findings = new ArrayList<>();
    for (CollectionPlacement collection : collections) {
      Integer factor = context.replicationFactor(collection.name());
      if (factor == null || factor > context.membership().size()) {
        continue;
      }
      List<String> lacking = new ArrayList<>();
      for (Shard shard : collection.shards()) {
        long readable = shard.replicas().stream().filter(context::readable).count();
        if (readable > 0 && readable < factor) {
          lacking.add("shard " + shard.id() + " has " + readable);
        }
      }
      if (!lacking.isEmpty()) {
        findings.add(DataFinding.about(DataWarningTypes.UNDER_REPLICATED, null, collection.name(), null,
            "collection " + collection.name() + " has fewer readable replicas than its replication factor "
                + factor + ": " + String.join(", ", lacking)));
      }
    }
    return findings;
  }
}
