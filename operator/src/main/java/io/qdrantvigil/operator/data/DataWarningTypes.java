package io.qdrantvigil.operator.data;

import java.util.List;

/** The data view's warning types, in the order warnings are listed (root causes first). */
public final class DataWarningTypes {
  public static final String SHARD_UNAVAILABLE = "ShardUnavailable";
  public static final String ORPHAN_PEER = "OrphanPeer";
  public static final String DEAD_REPLICA = "DeadReplica";
  public static final String STUCK_TRANSFER = "StuckTransfer";
  public static final String STUCK_REPLICA = "StuckReplica";
  public static final String UNDER_REPLICATED = "UnderReplicated";
  public static final String ORPHAN_REPLICA = "OrphanReplica";
  public static final String REPLICA_VIEW_DIVERGENCE = "ReplicaViewDivergence";
  public static final String NO_REDUNDANCY = "NoRedundancy";
  public static final String DATA_VIEW_UNAVAILABLE = "DataViewUnavailable";

  public static final List<String> ORDER = List.of(SHARD_UNAVAILABLE, ORPHAN_PEER, DEAD_REPLICA, STUCK_TRANSFER,
      STUCK_REPLICA, UNDER_REPLICATED, ORPHAN_REPLICA, REPLICA_VIEW_DIVERGENCE, NO_REDUNDANCY, DATA_VIEW_UNAVAILABLE);

  private DataWarningTypes() {}
}
