package io.qdrantvigil.operator.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrantvigil.sandbox.kube.SandboxTools;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Debian's Prometheus (from the sandbox tools) on loopback, scraping one target every second as job
 * {@code qdrant-vigil-metrics} with honor_labels, as servicemonitor.yaml does, and evaluating the
 * given rules file every second; read through its HTTP API.
 */
final class LocalPrometheus implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final HttpUrl api;
  private final Path log;
  private final OkHttpClient http = new OkHttpClient();

  record Alert(String name, String state, JsonNode labels) {}

  private LocalPrometheus(Process process, HttpUrl api, Path log) {
    this.process = process;
    this.api = api;
    this.log = log;
  }

  static LocalPrometheus start(Path dir, String target, Path rules) throws IOException {
    Files.copy(rules, dir.resolve("rules.yml"));
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - rules.yml
        scrape_configs:
          - job_name: qdrant-vigil-metrics
            honor_labels: true
            static_configs:
              - targets: ["%s"]
        """.formatted(target));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = dir.resolve("prometheus.log");
    Process process = new ProcessBuilder(SandboxTools.locate().prometheus().toString(),
        "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return new LocalPrometheus(process, HttpUrl.get("http://127.0.0.1:" + port + "/api/v1/"), log);
  }

  /** The {@code data} of an API answer, or an IOException while Prometheus is not serving yet. */
  private JsonNode get(String path, String... query) throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException("Prometheus exited; its log:\n" + Files.readString(log));
    }
    HttpUrl.Builder url = api.newBuilder().addPathSegments(path);
    for (int i = 0; i < query.length; i += 2) {
      url.addQueryParameter(query[i], query[i + 1]);
    }
    try (Response response = http.newCall(new Request.Builder().url(url.build()).build()).execute()) {
      JsonNode answer = JSON.readTree(response.body().string());
      if (!"success".equals(answer.path("status").asText())) {
        throw new IOException(path + " answered " + answer);
      }
      return answer.get("data");
    }
  }

  /** Values of an instant query, one per series. */
  List<Double> query(String promql) throws IOException {
    List<Double> values = new ArrayList<>();
    get("query", "query", promql).get("result").forEach(s -> values.add(s.get("value").get(1).asDouble()));
    return values;
  }

  List<String> metricNames() throws IOException {
    List<String> names = new ArrayList<>();
    get("label/__name__/values").forEach(name -> names.add(name.asText()));
    return names;
  }

  List<Alert> alerts() throws IOException {
    List<Alert> alerts = new ArrayList<>();
    get("alerts").get("alerts").forEach(a -> alerts.add(new Alert(a.get("labels").get("alertname").asText(),
        a.get("state").asText(), a.get("labels"))));
    return alerts;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
