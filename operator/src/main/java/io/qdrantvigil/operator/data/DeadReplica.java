package io.qdrantvigil.operator.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code Dead} replica, on its hosting node. Qdrant recovers it by itself when that node is up
 * and a readable replica of the shard exists elsewhere; otherwise a person must act, and the
 * message says what to do.
 */
public final class DeadReplica {

  private DeadReplica() {}

  public static List<DataFinding> find(List<CollectionPlacement> collections, DataContext context) {
    List<DataFinding> findings = new ArrayList<>();
    for (CollectionPlacement collection : collections) {
      for (Shard shard : collection.shards()) {
        for (Replica replica : shard.replicas()) {
          if (ReplicaStates.DEAD.equals(replica.state())) {
            findings.add(DataFinding.about(DataWarningTypes.DEAD_REPLICA, context.nodeOf(replica.peer()),
                collection.name(), shard.id(), message(collection.name(), shard, replica, context)));
          }
        }
      }
    }
    return findings;
  }

  private static String message(String collection, Shard shard, Replica dead, DataContext context) {
    String replica = "replica of " + collection + " shard " + shard.id() + " on " + context.display(dead.peer())
        + " is Dead; ";
    List<Replica> sources = shard.replicas().stream()
        .filter(r -> !r.peer().equals(dead.peer()) && context.readable(r))
        .toList();
    if (!context.reachable(dead.peer())) {
      return replica + "a person must act: its node is down (bring it back, or drop_replica and replicate_shard "
          + "to another peer, or remove-peer if it is gone for good)";
    }
    if (sources.isEmpty()) {
      return replica + "a person must act: no readable replica of the shard exists to recover it from "
          + "(recover a snapshot on that node)";
    }
    return replica + "Qdrant recovers it by itself from " + context.display(sources.get(0).peer())
        + " (its node is up and a readable replica exists)";
  }
}
