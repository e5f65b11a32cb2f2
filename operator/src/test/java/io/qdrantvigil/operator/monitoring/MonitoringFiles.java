package io.qdrantvigil.operator.monitoring;

import java.nio.file.Path;

/** The committed files of {@code manifests/monitoring/}, found from the operator module's directory. */
final class MonitoringFiles {

  static final Path DIR = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent()
      .resolve("manifests").resolve("monitoring");
  static final Path RULES = DIR.resolve("qdrant-vigil.rules.yml");
  static final Path PROMETHEUS_RULE = DIR.resolve("prometheusrule.yaml");
  static final Path DASHBOARD = DIR.resolve("grafana-dashboard.json");

  private MonitoringFiles() {}
}
