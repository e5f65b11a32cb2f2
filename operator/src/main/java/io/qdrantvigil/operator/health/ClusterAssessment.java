package io.qdrantvigil.operator.health;

import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.List;

/** The whole cluster after one poll: verdict, counts, agreed leader, every warning, every node. */
public record ClusterAssessment(
    String clusterStatus,
    int healthyNodes,
    int totalNodes,
    PeerId leader,
    List<Problem> warnings,
    List<NodeAssessment> nodes,
    DiscoveryResult discovery) {}
