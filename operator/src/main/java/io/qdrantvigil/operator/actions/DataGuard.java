package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The data guard: a node may not go while it holds the only readable replica of a shard, or while
 * it is the source or destination of a running transfer. Without a data view this poll it cannot
 * tell, so it refuses (force skips it).
 */
final class DataGuard {

  private DataGuard() {}

  static void disrupt(DataPlacement placement, PeerId peer, String target, String doing) throws ActionRefused {
    if (peer == null) {
      return;
    }
    if (!placement.known()) {
      throw new ActionRefused(doing + " is refused: the data view could not be read this poll, so whether "
          + target + " holds the only readable replica of a shard is unknown; add ';force' to do it anyway");
    }
    List<DataPlacement.ShardRef> only = placement.onlyReadableReplicaOn(peer);
    if (!only.isEmpty()) {
      throw new ActionRefused(doing + " is refused: " + target + " holds the only readable replica of "
          + shards(only) + "; add ';force' to do it anyway");
    }
    List<DataPlacement.ShardTransfer> transfers = placement.transfersTouching(peer);
    if (!transfers.isEmpty()) {
      DataPlacement.ShardTransfer t = transfers.get(0);
      throw new ActionRefused(doing + " is refused: " + target + " is the " + (peer.equals(t.from()) ? "source"
          : "destination") + " of the running transfer of " + t.shardRef() + "; add ';force' to do it anyway");
    }
  }

  /** Removing a peer that holds a shard's only replica loses it: refused even with force, unless drop-data. */
  static void dropData(DataPlacement placement, PeerId peer, boolean dropData) throws ActionRefused {
    if (dropData) {
      return;
    }
    if (!placement.known()) {
      throw new ActionRefused("removing peer " + peer + " is refused: the data view could not be read this poll,"
          + " so whether it holds the only replica of a shard is unknown; add ';drop-data' to accept losing it");
    }
    List<DataPlacement.ShardRef> only = placement.onlyReplicaOn(peer);
    if (!only.isEmpty()) {
      throw new ActionRefused("removing peer " + peer + " would lose data: it holds the only replica of "
          + shards(only) + "; add ';drop-data' (with ';force') to remove it and lose that data");
    }
  }

  static String shards(List<DataPlacement.ShardRef> shards) {
    return shards.stream().map(s -> "shard " + s).collect(Collectors.joining(", "));
  }
}
