package io.qdrantvigil.operator.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the operator exports (the contract's per-watch metrics as Micrometer writes
 * them, plus Prometheus's own {@code up}), and the metric names a PromQL expression reads.
 */
public final class OperatorMetricNames {

  public static final Set<String> EXPORTED = Set.of(
      "vigil_cluster_status", "vigil_nodes_healthy", "vigil_nodes", "vigil_needs_attention", "vigil_warnings",
      "vigil_poll_duration_seconds_bucket", "vigil_poll_duration_seconds_count", "vigil_poll_duration_seconds_sum",
      "vigil_poll_duration_seconds_max", "vigil_actions_total", "vigil_last_poll_timestamp_seconds",
      "vigil_data_state", "vigil_shards_unreadable", "vigil_replicas", "vigil_transfers_running",
      "vigil_transfers_stuck");
  /** Series Prometheus itself writes for every scrape target. */
  static final Set<String> PROMETHEUS = Set.of("up");

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}|\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
      "ignoring", "group_left", "group_right", "inf", "nan");

  private OperatorMetricNames() {}

  /** The metric names of a PromQL expression: identifiers that are not functions, keywords or label names. */
  static List<String> readBy(String expr) {
    String bare = GROUPING.matcher(MATCHERS.matcher(STRING.matcher(expr).replaceAll("")).replaceAll(""))
        .replaceAll("");
    List<String> names = new ArrayList<>();
    Matcher identifier = IDENTIFIER.matcher(bare);
    while (identifier.find()) {
      boolean function = identifier.group(2) != null;
      String name = identifier.group(1);
      if (!function && !KEYWORDS.contains(name.toLowerCase()) && !name.matches("\\d.*")) {
        names.add(name);
      }
    }
    return names;
  }
}
