package io.qdrantvigil.plugin;

import java.util.Map;

/** ANSI colours on a terminal, plain text elsewhere (a pipe, a file, or {@code NO_COLOR} set). */
final class Style {

  private static final String RESET = "\u001b[0m";

  private final boolean colour;

  private Style(boolean colour) {
    this.colour = colour;
  }

  static Style plain() {
    return new Style(false);
  }

  static Style coloured() {
    return new Style(true);
  }

  /** https://no-color.org: any non-empty NO_COLOR turns colours off; so does TERM=dumb. */
  static Style forOutput(boolean terminal, Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    boolean off = (noColor != null && !noColor.isEmpty()) || "dumb".equals(env.get("TERM"));
    return new Style(terminal && !off);
  }

  boolean colour() {
    return colour;
  }

  String bold(String s) {
    return wrap("1", s);
  }

  String dim(String s) {
    return wrap("2", s);
  }

  String green(String s) {
    return wrap("32", s);
  }

  String orange(String s) {
    return wrap("33", s);
  }

  String red(String s) {
    return wrap("31", s);
  }

  /** The colour the contract gives a verdict, node state, data state or action outcome. */
  String state(String word) {
    if (word == null) {
      return null;
    }
    return switch (word) {
      case "Healthy", "Succeeded", "DryRun" -> green(word);
      case "Degraded", "Warning", "AtRisk", "Running", "Unknown", "Interrupted", "Cancelled" -> orange(word);
      case "Unavailable", "Failing", "Failed", "Refused" -> red(word);
      default -> word;
    };
  }

  private String wrap(String code, String s) {
    return colour && s != null && !s.isEmpty() ? "\u001b[" + code + "m" + s + RESET : s;
  }
}
