package io.qdrantvigil.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** The watch's status, field for field as the contract lists it. Empty lists are left out. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record QdrantClusterWatchStatus(
    String clusterStatus,
    String healthyNodes,
    Double healthPercentage,
    String leader,
    Integer warningCount,
    List<StatusWarning> warnings,
    Integer warningsOmitted,
    List<NodeView> nodes,
    String discovery,
    List<Condition> conditions,
    List<ActionRecord> actions,
    String lastPollTime,
    Long observedGeneration) {

  public static final String HEALTHY = "Healthy";
  public static final String DEGRADED = "Degraded";
  public static final String UNAVAILABLE = "Unavailable";

  public QdrantClusterWatchStatus withActions(List<ActionRecord> newActions) {
    return new QdrantClusterWatchStatus(clusterStatus, healthyNodes, healthPercentage, leader, warningCount,
        warnings, warningsOmitted, nodes, discovery, conditions, newActions, lastPollTime, observedGeneration);
  }
}
