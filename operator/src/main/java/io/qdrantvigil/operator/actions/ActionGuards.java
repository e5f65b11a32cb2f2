package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.Comparator;
import java.util.Objects;

/** The safety rules an action must pass; {@code force} skips them except where said. */
public final class ActionGuards {

  private ActionGuards() {}

  /** A healthy pod may go only if the healthy nodes left still make a Raft majority of the membership. */
  public static void deletePod(NodeAssessment pod, ClusterAssessment assessment, int membershipSize, boolean force)
      throws ActionRefused {
    if (force || pod.failing()) {
      return;
    }
    int majority = membershipSize / 2 + 1;
    int healthyAfter = assessment.healthyNodes() - 1;
    if (healthyAfter < majority) {
      throw new ActionRefused("deleting healthy pod '" + pod.findings().target().name() + "' would leave "
          + healthyAfter + " healthy nodes, fewer than a Raft majority (" + majority + " of " + membershipSize
          + " peers); add ';force' to delete it anyway");
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
}
