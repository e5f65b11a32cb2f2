package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Data placements for the {@link Clusters} pods: collection {@code products}, replicas by ordinal. */
final class Placements {

  private final List<DataPlacement.PlacedReplica> replicas = new ArrayList<>();
  private final List<DataPlacement.ShardTransfer> transfers = new ArrayList<>();

  static Placements products() {
    return new Placements();
  }

  /** A data view read this poll that holds no collection: the data guard has nothing to refuse. */
  static DataPlacement noCollections() {
    return DataPlacement.of(Set.of(), List.of(), List.of());
  }

  /** A replica of products/{@code shard} on pod {@code ordinal}, readable when its state is. */
  Placements replica(int shard, int ordinal, String state) {
    replicas.add(new DataPlacement.PlacedReplica("products", shard, Clusters.peer(ordinal), state,
        List.of("Active", "ActiveRead", "ReshardingScaleDown").contains(state)));
    return this;
  }

  Placements transfer(int shard, int from, int to, String comment) {
    transfers.add(new DataPlacement.ShardTransfer("products", shard, Clusters.peer(from), Clusters.peer(to), false,
        comment));
    return this;
  }

  DataPlacement build() {
    return DataPlacement.of(Set.of("products"), replicas, transfers);
  }

  static PeerId peer(int ordinal) {
    return Clusters.peer(ordinal);
  }
}
