package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.discovery.PodFacts;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.Comparator;
import java.util.Objects;
import java.util.List;
import java.util.Set;

/** The safety rules an action must pass; {@code force} skips them except where said. */
public final class ActionGuards {

  private ActionGuards() {}

  /** A pod may go only if the reachable Raft voters left still make a strict majority of the voters. */
  public static void deletePod(NodeAssessment pod, ClusterAssessment assessment, Set<PeerId> membership,
      boolean force) throws ActionRefused {
    if (!force) {
      new QuorumGuard(assessment, membership).disrupt(pod, "deleting pod '" + pod.findings().target().name() + "'");
    }
  }

  /** A running peer may leave the membership only if the reachable voters left make a majority of the rest. */
  public static void removePeer(PeerId peer, ClusterAssessment assessment, Set<PeerId> membership, boolean force)
      throws ActionRefused {
    if (!force) {
      new QuorumGuard(assessment, membership).remove(peer, "removing peer " + peer);
    }
  }

  /** Never below 1 replica; never down while the cluster is not Healthy, unless forced. */
  public static void scale(String statefulSet, int from, int to, String clusterStatus, boolean force)
      throws ActionRefused {
    if (to < 1) {
      throw new ActionRefused("scaling StatefulSet '" + statefulSet + "' to fewer than 1 replica is refused, even with force");
    }
    if (to < from && !force && !QdrantClusterWatchStatus.HEALTHY.equals(clusterStatus)) {
      throw new ActionRefused("scaling StatefulSet '" + statefulSet + "' down from " + from + " to " + to
          + " while the cluster is " + clusterStatus + " is refused; add ';force' to scale down anyway");
    }
  }

  /**
   * The node to send a peer removal to: the leader when it is healthy, else another healthy node,
   * never the peer being removed (it would be asked to vote itself out and may not answer).
   */
  public static NodeAssessment removePeerVia(PeerId peer, ClusterAssessment assessment) throws ActionRefused {
    return assessment.nodes().stream()
        .filter(n -> !n.failing() && n.findings().target().url() != null && !Objects.equals(peer, n.peerId()))
        .min(Comparator.comparing(n -> !n.leader()))
        .orElseThrow(() -> new ActionRefused(
            "no healthy node other than peer " + peer + " to send the removal to"));
  }

  /**
   * A scale down without drain takes the replicas of the leaving pods (ordinals from {@code to} up)
   * with them: refused while any of them hosts one.
   */
  static void leavingPodsHoldNoReplicas(String statefulSet, int to, ClusterAssessment assessment,
      DataPlacement placement) throws ActionRefused {
    if (!placement.known()) {
      throw new ActionRefused("scaling StatefulSet '" + statefulSet + "' down is refused: the data view could not"
          + " be read this poll, so whether the leaving pods host replicas is unknown; add ';drain' or ';force'");
    }
    for (NodeAssessment node : assessment.nodes()) {
      PodFacts pod = node.findings().target().pod();
      if (pod == null || !statefulSet.equals(pod.statefulSet()) || node.peerId() == null
          || ordinal(pod.name()) < to) {
        continue;
      }
      List<DataPlacement.PlacedReplica> replicas = placement.replicasOn(node.peerId());
      if (!replicas.isEmpty()) {
        throw new ActionRefused("scaling StatefulSet '" + statefulSet + "' down to " + to + " is refused: leaving pod "
            + pod.name() + " hosts " + replicas.size() + " replica(s) (shard " + replicas.get(0).shardRef()
            + (replicas.size() > 1 ? ", ..." : "") + "); add ';drain' to move them first, or ';force'");
      }
    }
  }

  static int ordinal(String pod) {
    int dash = pod.lastIndexOf('-');
    try {
      return dash < 0 ? 0 : Integer.parseInt(pod.substring(dash + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
