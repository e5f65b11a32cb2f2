package io.qdrantvigil.operator.health;

import java.util.Comparator;
import java.util.List;

/**
 * The order of the contract's checks. A node's {@code errorType} is its failing problem that
 * comes first here; split detection runs after all per-node checks.
 */
public final class CheckOrder {

  private static final List<String> ORDER = List.of(
      "ConnectionError", "Timeout", "Unauthorized", WarningTypes.INVALID_RESPONSE,
      WarningTypes.CONSENSUS_THREAD_ERROR, WarningTypes.MESSAGE_SEND_FAILURES,
      WarningTypes.COLLECTIONS_FETCH_ERROR, WarningTypes.VERSION_UNKNOWN, WarningTypes.QDRANT_ISSUE,
      WarningTypes.POD_NOT_RUNNING, WarningTypes.CLUSTER_SPLIT);

  public static final Comparator<Problem> BY_CHECK = Comparator.comparingInt(p -> rank(p.type()));

  private CheckOrder() {}

  static int rank(String type) {
    int index = ORDER.indexOf(type);
    return index < 0 ? ORDER.size() : index;
  }
}
