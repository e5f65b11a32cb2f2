package io.qdrantvigil.operator.data;

import java.util.ArrayList;
import java.util.List;

/** A replica on a peer that is not in the Raft membership (a removed peer's leftover in the replica map). */
public final class OrphanReplica {

  private OrphanReplica() {}

  public static List<DataFinding> find(List<CollectionPlacement> collections, DataContext context) {
    List<DataFinding> findings = new ArrayList<>();
    if (context.membership().isEmpty()) {
      return findings;
    }
    for (CollectionPlacement collection : collections) {
      for (Shard shard : collection.shards()) {
        shard.replicas().stream()
            .filter(r -> !context.membership().contains(r.peer()))
            .forEach(r -> findings.add(DataFinding.about(DataWarningTypes.ORPHAN_REPLICA, null, collection.name(),
                shard.id(), "replica of " + collection.name() + " shard " + shard.id() + " is on peer " + r.peer()
                    + " (" + r.state() + "), which is not in the Raft membership; drop_replica it")));
      }
    }
    return findings;
  }
}
