package io.qdrantvigil.operator.data;

import java.util.List;

/** {@code data.state} and a collection's state, best first. */
public final class DataStates {
  public static final String HEALTHY = "Healthy";
  public static final String AT_RISK = "AtRisk";
  public static final String UNAVAILABLE = "Unavailable";
  public static final String UNKNOWN = "Unknown";

  public static final List<String> ALL = List.of(HEALTHY, AT_RISK, UNAVAILABLE, UNKNOWN);

  private DataStates() {}

  /** Sorting rank, worst first: Unavailable, AtRisk, Unknown, Healthy. */
  public static int worstFirst(String state) {
    return switch (state) {
      case UNAVAILABLE -> 0;
      case AT_RISK -> 1;
      case UNKNOWN -> 2;
      default -> 3;
    };
  }
}
