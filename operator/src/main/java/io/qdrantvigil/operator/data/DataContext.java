package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the data rules need to know besides the placement: the Raft membership (empty when no node
 * told it), which peers are down, how peers are named (warning node: pod name or URL; display: pod
 * name, else the peer id), the discovery tier, the replication factors known and the clock.
 * {@code everyPodIdentified} is false when some discovered pod's peer id is unknown, so that an
 * unmatched peer cannot be told from that pod.
 */
public record DataContext(
    Set<PeerId> membership,
    Set<PeerId> downPeers,
    Map<PeerId, String> nodeNames,
    Map<PeerId, String> podNames,
    boolean podsTier,
    Set<PeerId> discoveredPeers,
    boolean everyPodIdentified,
    Map<String, Integer> replicationFactors,
    Duration stuckAfter,
    Instant now) {

  public DataContext {
    membership = Set.copyOf(membership);
    downPeers = Set.copyOf(downPeers);
    nodeNames = Map.copyOf(nodeNames);
    podNames = Map.copyOf(podNames);
    discoveredPeers = Set.copyOf(discoveredPeers);
    replicationFactors = Map.copyOf(replicationFactors);
  }

  public boolean reachable(PeerId peer) {
    return !downPeers.contains(peer);
  }

  public boolean readable(Replica replica) {
    return ReplicaStates.readable(replica, downPeers);
  }

  /** The node a warning about this peer is put on; null when no polled node is that peer. */
  public String nodeOf(PeerId peer) {
    return nodeNames.get(peer);
  }

  /** How messages and the transfers list name a peer: its pod, else its id. */
  public String display(PeerId peer) {
    String pod = podNames.get(peer);
    return pod != null ? pod : peer.toString();
  }

  public Integer replicationFactor(String collection) {
    return replicationFactors.get(collection);
  }

  public DataContext withDown(Set<PeerId> more) {
    Set<PeerId> down = new HashSet<>(downPeers);
    down.addAll(more);
    return new DataContext(membership, down, nodeNames, podNames, podsTier, discoveredPeers, everyPodIdentified,
        replicationFactors, stuckAfter, now);
  }
}
