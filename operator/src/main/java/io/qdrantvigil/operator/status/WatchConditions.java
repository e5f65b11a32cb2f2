package io.qdrantvigil.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.data.DataStates;
import java.util.List;
import java.util.Objects;

/**
 * Conditions {@code Ready} (True exactly when Healthy) and {@code Degraded} (True when Degraded),
 * and the data view's {@code DataAvailable} and {@code FullyReplicated}, keeping {@code lastTransitionTime} while a condition's status does not change.
 */
public final class WatchConditions {

  public static final String READY = "Ready";
  public static final String DEGRADED = "Degraded";
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String DATA_AVAILABLE = "DataAvailable";
  public static final String FULLY_REPLICATED = "FullyReplicated";

  private WatchConditions() {}

  public static List<Condition> forVerdict(String clusterStatus, String message, long generation,
      List<Condition> previous, String now) {
    boolean healthy = QdrantClusterWatchStatus.HEALTHY.equals(clusterStatus);
    boolean degraded = QdrantClusterWatchStatus.DEGRADED.equals(clusterStatus);
    return List.of(
        condition(READY, healthy, clusterStatus, message, generation, previous, now),
        condition(DEGRADED, degraded, clusterStatus, message, generation, previous, now));
  }

  /**
   * {@code DataAvailable} (True when the data is Healthy or AtRisk) and {@code FullyReplicated}
   * (True when Healthy); both Unknown while the data view cannot be read.
   */
  public static List<Condition> forData(String dataState, String message, long generation, List<Condition> previous,
      String now) {
    boolean unknown = DataStates.UNKNOWN.equals(dataState);
    boolean available = DataStates.HEALTHY.equals(dataState) || DataStates.AT_RISK.equals(dataState);
    return List.of(
        condition(DATA_AVAILABLE, unknown ? "Unknown" : truth(available), dataState, message, generation, previous, now),
        condition(FULLY_REPLICATED, unknown ? "Unknown" : truth(DataStates.HEALTHY.equals(dataState)), dataState,
            message, generation, previous, now));
  }

  public static List<Condition> forInvalidSpec(String message, long generation, List<Condition> previous, String now) {
    return List.of(condition(READY, false, INVALID_SPEC, message, generation, previous, now));
  }

  private static String truth(boolean isTrue) {
    return isTrue ? "True" : "False";
  }

  private static Condition condition(String type, boolean isTrue, String reason, String message, long generation,
      List<Condition> previous, String now) {
    return condition(type, truth(isTrue), reason, message, generation, previous, now);
  }

  private static Condition condition(String type, String status, String reason, String message, long generation,
      List<Condition> previous, String now) {
    String since = previous == null ? now : previous.stream()
        .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null)
        .map(Condition::getLastTransitionTime)
        .findFirst().orElse(now);
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(StatusLimits.cut(Objects.requireNonNullElse(message, "")))
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build();
  }
}
