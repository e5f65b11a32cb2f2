package io.qdrantvigil.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finding the outcome of the request the plugin wrote among {@code status.actions} (newest first):
 * a record of that action, with that request, that was not there before the annotation was written.
 */
final class ActionRecords {

  static final String RUNNING = "Running";
  private static final String MASK = "***";

  private ActionRecords() {}

  /** The newest record of {@code action} for {@code written} in {@code current} that {@code before} did not hold. */
  static Optional<JsonValue> outcome(List<JsonValue> before, List<JsonValue> current, String action, String written) {
    Map<String, Integer> seen = new HashMap<>();
    for (JsonValue record : before) {
      seen.merge(key(record), 1, Integer::sum);
    }
    List<JsonValue> fresh = new ArrayList<>();
    // Oldest first, so that a record repeated in both lists is matched against its earlier copy.
    for (int i = current.size() - 1; i >= 0; i--) {
      JsonValue record = current.get(i);
      Integer left = seen.get(key(record));
      if (left != null && left > 0) {
        seen.put(key(record), left - 1);
      } else {
        fresh.add(0, record);
      }
    }
    return fresh.stream()
        .filter(r -> action.equals(r.get("action").text()) && requestMatches(r.get("request").text(), written))
        .findFirst();
  }

  /**
   * Whether a recorded request is the value written: equal, or equal where the operator replaced
   * credentials (a URL's user-info, a signature, everything from {@code url=} on) by {@code ***}.
   */
  static boolean requestMatches(String recorded, String written) {
    if (recorded == null || written == null) {
      return false;
    }
    if (!recorded.contains(MASK)) {
      return recorded.equals(written);
    }
    StringBuilder regex = new StringBuilder();
    int from = 0;
    int mask;
    while ((mask = recorded.indexOf(MASK, from)) >= 0) {
      regex.append(Pattern.quote(recorded.substring(from, mask))).append(".*?");
      from = mask + MASK.length();
    }
    regex.append(Pattern.quote(recorded.substring(from)));
    Matcher matcher = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(written);
    return matcher.matches();
  }

  static boolean succeeded(JsonValue record) {
    String outcome = record.get("outcome").text();
    return "Succeeded".equals(outcome) || "DryRun".equals(outcome);
  }

  static boolean running(JsonValue record) {
    return RUNNING.equals(record.get("outcome").text());
  }

  /** {@code restart qdrant;safe: Running (2/3 pods restarted)} */
  static String describe(JsonValue record, Style style) {
    StringBuilder line = new StringBuilder()
        .append(record.get("action").textOr("?")).append(' ').append(record.get("request").textOr(""))
        .append(": ").append(style.state(record.get("outcome").textOr("?")));
    String message = record.get("message").text();
    if (message != null && !message.isEmpty()) {
      line.append(" (").append(message).append(')');
    }
    return line.toString();
  }

  private static String key(JsonValue record) {
    return String.join("\u0000", String.valueOf(record.get("action").text()),
        String.valueOf(record.get("request").text()), String.valueOf(record.get("outcome").text()),
        String.valueOf(record.get("message").text()), String.valueOf(record.get("time").text()));
  }
}
