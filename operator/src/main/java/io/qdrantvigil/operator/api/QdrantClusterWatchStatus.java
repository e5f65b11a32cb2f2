package io.qdrantvigil.operator.api;

import com.fasterxml.jackson.annotation.JsonCreator;
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
    DataSummary data,
    List<CollectionSummary> collections,
    Integer collectionsOmitted,
    List<TransferView> transfers,
    List<StatusWarning> warnings,
    Integer warningsOmitted,
    List<NodeView> nodes,
    String discovery,
    List<Condition> conditions,
    List<ActionRecord> actions,
    String lastPollTime,
    Long observedGeneration,
    DataMemoStatus dataMemo) {

  public static final String HEALTHY = "Healthy";
  public static final String DEGRADED = "Degraded";
  public static final String UNAVAILABLE = "Unavailable";

  @JsonCreator
  public QdrantClusterWatchStatus {
  }

  /** A status without the data view (before the first poll that reads one). */
  public QdrantClusterWatchStatus(String clusterStatus, String healthyNodes, Double healthPercentage, String leader,
      Integer warningCount, List<StatusWarning> warnings, Integer warningsOmitted, List<NodeView> nodes,
      String discovery, List<Condition> conditions, List<ActionRecord> actions, String lastPollTime,
      Long observedGeneration) {
    this(clusterStatus, healthyNodes, healthPercentage, leader, warningCount, null, null, null, null, warnings,
        warningsOmitted, nodes, discovery, conditions, actions, lastPollTime, observedGeneration, null);
  }

  public QdrantClusterWatchStatus withActions(List<ActionRecord> newActions) {
    return new QdrantClusterWatchStatus(clusterStatus, healthyNodes, healthPercentage, leader, warningCount, data,
        collections, collectionsOmitted, transfers, warnings, warningsOmitted, nodes, discovery, conditions,
        newActions, lastPollTime, observedGeneration, dataMemo);
  }

  public QdrantClusterWatchStatus withConditions(List<Condition> newConditions, Long generation) {
    return new QdrantClusterWatchStatus(clusterStatus, healthyNodes, healthPercentage, leader, warningCount, data,
        collections, collectionsOmitted, transfers, warnings, warningsOmitted, nodes, discovery, newConditions,
        actions, lastPollTime, generation, dataMemo);
  }
}
