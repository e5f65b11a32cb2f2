package io.qdrantvigil.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules of {@code manifests/monitoring/}: every rule's unit tests pass under
 * {@code promtool test rules}, and the PrometheusRule holds exactly the plain rules file's groups.
 */
class AlertRulesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> ALERTS = List.of("QdrantVigilWatchDegraded", "QdrantVigilShardUnavailable",
      "QdrantVigilDataAtRisk", "QdrantVigilWatchStale", "QdrantVigilTransferStuck", "QdrantVigilActionFailed",
      "QdrantVigilOperatorDown");

  @Test
  void everyRulePassesItsPromtoolUnitTests(@TempDir Path dir) throws Exception {
    Files.copy(MonitoringFiles.RULES, dir.resolve("qdrant-vigil.rules.yml"));
    try (InputStream tests = getClass().getResourceAsStream("/monitoring/alerts-test.yml")) {
      Files.copy(tests, dir.resolve("alerts-test.yml"), StandardCopyOption.REPLACE_EXISTING);
    }
    Promtool.Result result = Promtool.run(dir, "test", "rules", "alerts-test.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertTheContractListsIsARuleAndHasAUnitTest() throws Exception {
    assertThat(alertNames(YAML.readTree(MonitoringFiles.RULES.toFile()).get("groups")))
        .containsExactlyElementsOf(ALERTS);
    String tests;
    try (InputStream in = getClass().getResourceAsStream("/monitoring/alerts-test.yml")) {
      tests = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String alert : ALERTS) {
      assertThat(tests).as(alert).contains("alertname: " + alert + "\n        exp_alerts:\n          - exp_labels");
    }
  }

  @Test
  void thePrometheusRuleHoldsTheRulesFileGroupsUnchanged() throws Exception {
    JsonNode prometheusRule = YAML.readTree(MonitoringFiles.PROMETHEUS_RULE.toFile());
    assertThat(prometheusRule.get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(prometheusRule.get("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(prometheusRule.get("spec").get("groups"))
        .isEqualTo(YAML.readTree(MonitoringFiles.RULES.toFile()).get("groups"));
  }

  private static List<String> alertNames(JsonNode groups) {
    List<String> names = new ArrayList<>();
    groups.forEach(group -> group.get("rules").forEach(rule -> names.add(rule.get("alert").asText())));
    return names;
  }
}
