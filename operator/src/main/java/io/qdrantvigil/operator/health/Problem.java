package io.qdrantvigil.operator.health;

/**
 * One problem found on a node, or on the cluster ({@code node} null). A failing problem makes the
 * node Failing; the others make it Warning. {@code warning} false keeps it as a node issue only.
 */
public record Problem(String node, String type, String message, String error, boolean failing, boolean warning) {

  public static Problem failing(String node, String type, String message, String error) {
    return new Problem(node, type, message, error, true, true);
  }

  public static Problem warning(String node, String type, String message, String error) {
    return new Problem(node, type, message, error, false, true);
  }

  /** Shown on the node (its issues, orange state) but not as a status warning. */
  public static Problem issueOnly(String node, String type, String message) {
    return new Problem(node, type, message, null, false, false);
  }
}
