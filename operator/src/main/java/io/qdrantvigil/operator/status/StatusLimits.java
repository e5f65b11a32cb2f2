package io.qdrantvigil.operator.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import java.util.List;

/**
 * Bounds that keep the resource small whatever a node says: at most 10 issues per node, 20
 * warnings shown (with a count of the rest), every text cut to 300 characters. A status still
 * larger than {@link #MAX_STATUS_BYTES} (a hundred nodes, each with ten long issues) shows fewer
 * issues per node, down to none; the warnings keep the detail.
 */
public final class StatusLimits {

  public static final int MAX_ISSUES_PER_NODE = 10;
  public static final List<Integer> ISSUES_PER_NODE_STEPS = List.of(MAX_ISSUES_PER_NODE, 3, 1, 0);
  public static final int MAX_WARNINGS = 20;
  public static final int MAX_TEXT = 300;
  public static final int MAX_ACTIONS = 20;
  public static final int MAX_STATUS_BYTES = 200 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusLimits() {}

  public static String cut(String text) {
    if (text == null || text.length() <= MAX_TEXT) {
      return text;
    }
    return text.substring(0, MAX_TEXT - 1) + "…";
  }

  static boolean fits(QdrantClusterWatchStatus status) {
    try {
      return JSON.writeValueAsBytes(status).length <= MAX_STATUS_BYTES;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a status that cannot be serialized", e);
    }
  }
}
