package io.qdrantvigil.operator.health;

import io.qdrantvigil.operator.data.DataAssessment;
import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.List;

/**
 * The whole cluster after one poll: verdict, counts, agreed leader, every warning, every node, and
 * the data view ({@code data} null until it has been taken in).
 */
public record ClusterAssessment(
    String clusterStatus,
    int healthyNodes,
    int totalNodes,
    PeerId leader,
    List<Problem> warnings,
    List<NodeAssessment> nodes,
    DiscoveryResult discovery,
    DataAssessment data) {

  /** The nodes' picture alone, before the data view. */
  public ClusterAssessment(String clusterStatus, int healthyNodes, int totalNodes, PeerId leader,
      List<Problem> warnings, List<NodeAssessment> nodes, DiscoveryResult discovery) {
    this(clusterStatus, healthyNodes, totalNodes, leader, warnings, nodes, discovery, null);
  }
}
