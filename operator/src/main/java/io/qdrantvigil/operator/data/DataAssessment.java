package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.health.Problem;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data view judged: {@code state} (Healthy, AtRisk, Unavailable, Unknown), the warnings in
 * order (node ones carry their node), every collection worst first, the running transfers, the
 * counts the status and metrics show, and the memo to keep for the next poll. {@code viewTime} is
 * the time of the view shown when it is older than this poll (the data view could not be read).
 * {@code placement} is this poll's view as read (empty when it could not be read) and {@code downPeers}
 * the peers the rules counted as down, for the actions' data guard.
 */
public record DataAssessment(
    String state,
    List<Problem> warnings,
    List<CollectionAssessment> collections,
    List<TransferAssessment> transfers,
    int shards,
    int unreadableShards,
    int readableReplicas,
    int replicas,
    Map<String, Integer> replicasByState,
    Map<PeerId, Integer> replicasPerPeer,
    Map<PeerId, Integer> deadReplicasPerPeer,
    DataMemo memo,
    Instant viewTime,
    List<CollectionPlacement> placement,
    Set<PeerId> downPeers) {

  public DataAssessment {
    warnings = List.copyOf(warnings);
    collections = List.copyOf(collections);
    transfers = List.copyOf(transfers);
    replicasByState = Map.copyOf(replicasByState);
    replicasPerPeer = Map.copyOf(replicasPerPeer);
    deadReplicasPerPeer = Map.copyOf(deadReplicasPerPeer);
    placement = List.copyOf(placement);
    downPeers = Set.copyOf(downPeers);
  }

  /** Whether this poll read the data view: the state is known and {@code placement} is current. */
  public boolean read() {
    return !DataStates.UNKNOWN.equals(state);
  }

  public boolean shardUnavailable() {
    return unreadableShards > 0;
  }

  public long stuckTransfers() {
    return transfers.stream().filter(TransferAssessment::stuck).count();
  }

  /** The warnings that belong to a node (DeadReplica, StuckTransfer, StuckReplica, ReplicaViewDivergence). */
  public List<Problem> warningsOn(String node) {
    return warnings.stream().filter(p -> node.equals(p.node())).toList();
  }
}
