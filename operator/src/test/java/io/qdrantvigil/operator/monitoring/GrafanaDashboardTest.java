package io.qdrantvigil.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard of {@code manifests/monitoring/}: every panel query parses under
 * {@code promtool check rules} (as recording rules, Grafana's variables replaced by sample values)
 * and reads only metrics the operator exports; the row repeats per watch and holds the card.
 */
class GrafanaDashboardTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Grafana's variables as Grafana would expand them for one watch. */
  private static final Map<String, String> VARIABLES = Map.of("$__rate_interval", "1m", "$namespace", "shop",
      "$watch", "prod");

  private static JsonNode dashboard() throws Exception {
    return JSON.readTree(MonitoringFiles.DASHBOARD.toFile());
  }

  /** Every query of the dashboard (panels and variables), keyed by where it is. */
  private static Map<String, String> queries(JsonNode dashboard) {
    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode panel : dashboard.get("panels")) {
      JsonNode targets = panel.path("targets");
      for (JsonNode target : targets) {
        queries.put(panel.get("title").asText() + "/" + target.get("refId").asText(), target.get("expr").asText());
      }
    }
    return queries;
  }

  private static String expand(String expr) {
    String expanded = expr;
    for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
      expanded = expanded.replace(variable.getKey(), variable.getValue());
    }
    return expanded;
  }

  @Test
  void everyPanelQueryParsesWithPromtool(@TempDir Path dir) throws Exception {
    Map<String, String> queries = queries(dashboard());
    assertThat(queries).hasSizeGreaterThan(10);
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int n = 0;
    for (String expr : queries.values()) {
      assertThat(expand(expr)).as(expr).doesNotContain("$");
      rules.append("      - record: dashboard:panel").append(n++).append('\n')
          .append("        expr: ").append(JSON.writeValueAsString(expand(expr))).append('\n');
    }
    Files.writeString(dir.resolve("dashboard.rules.yml"), rules, StandardCharsets.UTF_8);
    Promtool.Result result = Promtool.run(dir, "check", "rules", "dashboard.rules.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
  }

  @Test
  void everyQueryReadsOnlyMetricsTheOperatorExports() throws Exception {
    JsonNode dashboard = dashboard();
    Set<String> read = new TreeSet<>();
    queries(dashboard).forEach((where, expr) -> {
      List<String> names = OperatorMetricNames.readBy(expr);
      assertThat(names).as(where + ": " + expr).isNotEmpty().isSubsetOf(OperatorMetricNames.EXPORTED);
      read.addAll(names);
    });
    for (JsonNode variable : dashboard.get("templating").get("list")) {
      if (variable.get("type").asText().equals("query")) {
        String query = variable.get("definition").asText();
        String selector = query.substring("label_values(".length(), query.lastIndexOf(','));
        assertThat(OperatorMetricNames.readBy(selector)).as(query).isSubsetOf(OperatorMetricNames.EXPORTED);
      }
    }
    assertThat(read).as("the figures of the card and the panels the contract lists").contains(
        "vigil_cluster_status", "vigil_nodes_healthy", "vigil_nodes", "vigil_data_state", "vigil_warnings",
        "vigil_replicas", "vigil_transfers_running", "vigil_transfers_stuck", "vigil_poll_duration_seconds_bucket",
        "vigil_actions_total", "vigil_last_poll_timestamp_seconds");
  }

  @Test
  void theRulesReadOnlyMetricsTheOperatorOrPrometheusExports() throws Exception {
    JsonNode groups = new ObjectMapper(new YAMLFactory())
        .readTree(MonitoringFiles.RULES.toFile()).get("groups");
    for (JsonNode group : groups) {
      for (JsonNode rule : group.get("rules")) {
        String expr = rule.get("expr").asText();
        Set<String> allowed = new TreeSet<>(OperatorMetricNames.EXPORTED);
        allowed.addAll(OperatorMetricNames.PROMETHEUS);
        assertThat(OperatorMetricNames.readBy(expr)).as(rule.get("alert").asText()).isNotEmpty()
            .isSubsetOf(allowed);
      }
    }
  }

  @Test
  void oneRowPerWatchHoldsTheCardAndTheLeaderIsSaidToBeInTheStatus() throws Exception {
    JsonNode dashboard = dashboard();
    JsonNode first = dashboard.get("panels").get(0);
    assertThat(first.get("type").asText()).isEqualTo("row");
    assertThat(first.get("repeat").asText()).isEqualTo("watch");
    List<String> titles = new ArrayList<>();
    dashboard.get("panels").forEach(panel -> titles.add(panel.get("title").asText()));
    assertThat(titles).containsSubsequence("Verdict", "Healthy nodes", "Leader", "Health", "Data state",
        "Warnings by type", "Replicas by state", "Transfers", "Poll duration", "Actions");
    JsonNode leader = dashboard.get("panels").get(titles.indexOf("Leader"));
    assertThat(leader.get("options").get("content").asText()).contains("status").contains("kubectl vigil status");
    assertThat(dashboard.get("panels")).filteredOn(panel -> panel.get("type").asText().equals("row")).hasSize(1);
  }
}
