package io.qdrantvigil.operator.status;

/**
 * Bounds that keep the resource small whatever a node says: at most 10 issues per node, 20
 * warnings shown (with a count of the rest), every text cut to 300 characters.
 */
public final class StatusLimits {

  public static final int MAX_ISSUES_PER_NODE = 10;
  public static final int MAX_WARNINGS = 20;
  public static final int MAX_TEXT = 300;
  public static final int MAX_ACTIONS = 20;

  private StatusLimits() {}

  public static String cut(String text) {
    if (text == null || text.length() <= MAX_TEXT) {
      return text;
    }
    return text.substring(0, MAX_TEXT - 1) + "…";
  }
}
