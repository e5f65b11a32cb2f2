package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pods tier only: a peer of the Raft membership that no discovered pod is (a pod scaled away
 * while its peer stays in Raft). Not judged while some pod's peer id is unknown.
 */
public final class OrphanPeer {

  private OrphanPeer() {}

  public static Set<PeerId> orphans(DataContext context) {
    Set<PeerId> orphans = new TreeSet<>();
    if (!context.podsTier() || !context.everyPodIdentified()) {
      return orphans;
    }
    context.membership().stream().filter(p -> !context.discoveredPeers().contains(p)).forEach(orphans::add);
    return orphans;
  }

  /**
   * Qdrant removes a peer that still lists replicas only with {@code force}: the hint says so when
   * the orphan holds some (the data guard still refuses while one is a shard's only copy).
   */
  public static List<DataFinding> find(List<CollectionPlacement> collections, DataContext context) {
    return orphans(context).stream()
        .map(peer -> DataFinding.about(DataWarningTypes.ORPHAN_PEER, null, null, null, "peer " + peer
            + " is in the Raft membership but no pod of the watch is that peer (a scaled-away pod still in Raft?); "
            + (holdsReplicas(collections, peer)
                ? "re-create its replicas elsewhere (qdrantvigil.io/replicate-shard), then qdrantvigil.io/remove-peer="
                    + peer + ";force"
                : "qdrantvigil.io/remove-peer=" + peer)))
        .toList();
  }

  private static boolean holdsReplicas(List<CollectionPlacement> collections, PeerId peer) {
    return collections.stream().flatMap(c -> c.shards().stream()).flatMap(s -> s.replicas().stream())
        .anyMatch(r -> peer.equals(r.peer()));
  }
}
