package io.qdrantvigil.operator.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A replica held in a transitional state (Partial, Recovery, ManualRecovery, Initializing) for
 * longer than {@code stuckAfter} while no transfer goes towards it, on its hosting node.
 */
public final class StuckReplica {

  private StuckReplica() {}

  public static List<DataFinding> find(List<CollectionPlacement> collections, DataMemo memo, DataContext context) {
    List<DataFinding> findings = new ArrayList<>();
    for (CollectionPlacement collection : collections) {
      for (Shard shard : collection.shards()) {
        for (Replica replica : shard.replicas()) {
          ReplicaSighting sighting = ReplicaStates.transitional(replica.state())
              ? memo.sighting(collection.name(), shard.id(), replica) : null;
          if (sighting == null || sighting.since().plus(context.stuckAfter()).isAfter(context.now())
              || transferTowards(collection, shard, replica)) {
            continue;
          }
          findings.add(DataFinding.about(DataWarningTypes.STUCK_REPLICA, context.nodeOf(replica.peer()),
              collection.name(), shard.id(), "replica of " + collection.name() + " shard " + shard.id() + " on "
                  + context.display(replica.peer()) + " has been " + replica.state() + " since " + sighting.since()
                  + " (more than " + SpecText.duration(context.stuckAfter()) + ") with no transfer towards it"
                  + hint(replica.state())));
        }
      }
    }
    return findings;
  }

  private static boolean transferTowards(CollectionPlacement collection, Shard shard, Replica replica) {
    return collection.transfers().stream().anyMatch(t -> t.shardId() == shard.id() && t.to().equals(replica.peer()));
  }

  private static String hint(String state) {
    if (ReplicaStates.MANUAL_RECOVERY.equals(state)) {
      return "; a snapshot recovery failed midway: run the recovery again";
    }
    return "; drop_replica and replicate_shard it again, or restart its node";
  }
}
