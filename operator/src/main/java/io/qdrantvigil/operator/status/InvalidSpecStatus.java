package io.qdrantvigil.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import java.util.List;

/**
 * What an invalid spec does to the status: condition {@code Ready=False}, reason
 * {@code InvalidSpec}, the message naming the field. The last poll's picture stays as it was.
 */
public final class InvalidSpecStatus {

  private InvalidSpecStatus() {}

  public static QdrantClusterWatchStatus apply(QdrantClusterWatchStatus current, String message, long generation,
      String now) {
    List<Condition> previous = current == null ? null : current.conditions();
    List<Condition> conditions = WatchConditions.forInvalidSpec(message, generation, previous, now);
    if (current != null && previous != null && previous.size() == 1
        && sameCondition(previous.get(0), conditions.get(0))) {
      return current;
    }
    if (current == null) {
      return new QdrantClusterWatchStatus(null, null, null, null, null, null, null, null, null, conditions, null, null,
          generation);
    }
    return current.withConditions(conditions, generation);
  }

  private static boolean sameCondition(Condition a, Condition b) {
    return a.getType().equals(b.getType()) && a.getStatus().equals(b.getStatus())
        && a.getReason().equals(b.getReason()) && a.getMessage().equals(b.getMessage())
        && a.getObservedGeneration().equals(b.getObservedGeneration());
  }
}
