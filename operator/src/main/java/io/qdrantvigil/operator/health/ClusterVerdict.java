package io.qdrantvigil.operator.health;

import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;

/**
 * The verdict: Unavailable when no node is healthy (or none was found); Degraded when some node is
 * not healthy or the healthy nodes agree on no leader; Healthy when all nodes are healthy and a
 * leader is known.
 */
public final class ClusterVerdict {

  private ClusterVerdict() {}

  public static String of(int healthyNodes, int totalNodes, boolean leaderKnown) {
    if (healthyNodes == 0) {
      return QdrantClusterWatchStatus.UNAVAILABLE;
    }
    if (healthyNodes < totalNodes || !leaderKnown) {
      return QdrantClusterWatchStatus.DEGRADED;
    }
    return QdrantClusterWatchStatus.HEALTHY;
  }

  /** healthy / total × 100, one decimal; 0 when there are no nodes. */
  public static double healthPercentage(int healthyNodes, int totalNodes) {
    if (totalNodes == 0) {
      return 0.0;
    }
    return Math.round(healthyNodes * 1000.0 / totalNodes) / 10.0;
  }
}
