package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.data.CollectionPlacement;
import io.qdrantvigil.operator.data.DataAssessment;
import io.qdrantvigil.operator.data.Replica;
import io.qdrantvigil.operator.data.ReplicaStates;
import io.qdrantvigil.operator.data.Shard;
import io.qdrantvigil.operator.data.Transfer;
import io.qdrantvigil.operator.health.ClusterAssessment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The data view of the poll the actions follow, as the actions read it: a replica is readable when
 * its state serves reads and the data rules did not count its peer down. A poll that could not read
 * the view gives {@link DataPlacement#UNKNOWN}, never the last view shown.
 */
final class PlacementFromDataView {

  private PlacementFromDataView() {}

  static DataPlacement of(ClusterAssessment assessment) {
    return of(assessment.data());
  }

  static DataPlacement of(DataAssessment data) {
    if (data == null || !data.read()) {
      return DataPlacement.UNKNOWN;
    }
    List<DataPlacement.PlacedReplica> replicas = new ArrayList<>();
    List<DataPlacement.ShardTransfer> transfers = new ArrayList<>();
    for (CollectionPlacement collection : data.placement()) {
      for (Shard shard : collection.shards()) {
        for (Replica r : shard.replicas()) {
          replicas.add(new DataPlacement.PlacedReplica(collection.name(), shard.id(), r.peer(), r.state(),
              ReplicaStates.readable(r, data.downPeers())));
        }
      }
      for (Transfer t : collection.transfers()) {
        transfers.add(new DataPlacement.ShardTransfer(collection.name(), t.shardId(), t.from(), t.to(), t.sync(),
            t.comment()));
      }
    }
    Set<String> names = data.placement().stream().map(CollectionPlacement::name).collect(Collectors.toSet());
    return DataPlacement.of(names, replicas, transfers);
  }
}
