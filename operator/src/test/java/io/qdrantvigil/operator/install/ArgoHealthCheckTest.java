package io.qdrantvigil.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.qdrantvigil.sandbox.kube.SandboxTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the Argo CD health check (manifests/argocd/health.lua) in a real Lua 5.1 interpreter, the
 * language version Argo CD's embedded gopher-lua implements, on a QdrantClusterWatch in every state.
 * Each resource in src/test/resources/argocd/ is rendered as a Lua table literal and handed to
 * run-health.lua, which runs the script with only the libraries Argo CD provides.
 */
class ArgoHealthCheckTest {

  private static final String CONFIG_MAP_KEY =
      "resource.customizations.health.qdrantvigil.io_QdrantClusterWatch";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** 60 s after the fixtures' lastPollTime: a current status. */
  private static final Instant FIXTURES_NOW = Instant.parse("2025-11-25T06:11:00Z");
  private static final Instant LAST_POLL = Instant.parse("2025-11-25T06:10:00Z");

  private static Path repo;
  private static Path lua;
  private static Path healthScript;

  @TempDir
  Path work;

  @BeforeAll
  static void locateScriptAndInterpreter() {
    repo = Path.of(System.getProperty("user.dir")).getParent();
    healthScript = repo.resolve("manifests/argocd/health.lua");
    lua = SandboxTools.locate().dir().resolve("bin/lua5.1");
  }

  /** Every test that needs the interpreter fails, never skips, when it is missing. */
  private static void requireInterpreter() {
    if (!Files.isExecutable(lua)) {
      fail("No Lua 5.1 interpreter at " + lua + ": run `make tools` (it installs Debian's lua5.1 there)");
    }
  }

  static Stream<Arguments> resources() {
    return Stream.of(
        Arguments.of("no-status.yaml", "Progressing", "Waiting for the first poll"),
        Arguments.of("no-cluster-status.yaml", "Progressing", "Waiting for the first poll"),
        Arguments.of("healthy.yaml", "Healthy", "3/3 nodes healthy"),
        Arguments.of("data-at-risk.yaml", "Healthy", "3/3 nodes healthy; data at risk: collection users (NoRedundancy)"),
        Arguments.of("data-unavailable.yaml", "Degraded",
            "Data unavailable: collection users (ShardUnavailable shard 0)"),
        Arguments.of("degraded-with-warnings.yaml", "Degraded",
            "GET /cluster on qdrant-2 did not answer within 5s"),
        Arguments.of("degraded-without-warnings.yaml", "Degraded", "Degraded"),
        Arguments.of("unavailable.yaml", "Degraded",
            "No Qdrant nodes found: no pod matches app=qdrant, spec.nodes is empty, QDRANT_NODES is not set"),
        Arguments.of("action-running.yaml", "Progressing",
            "Running recover qdrant-1;collection=products;url=https://***@snapshots.example.com/products.snapshot;"
                + "priority=snapshot (cluster Degraded)"),
        Arguments.of("invalid-spec.yaml", "Degraded",
            "spec.interval: 'abc' is not a duration such as 30s or 2m"),
        Arguments.of("unknown-cluster-status.yaml", "Unknown", "Unknown clusterStatus Splendid"),
        Arguments.of("message-with-special-characters.yaml", "Degraded",
            "Answer was not JSON: \"<html>\n<body>\" \\ ]] ]=] Überlastet\ttab"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("resources")
  void healthOf(String resource, String expectedStatus, String expectedMessage) throws Exception {
    String output = runHealthCheck(healthScript, readResource(resource));

    int separator = output.indexOf('|');
    assertThat(separator).as("driver output %s", output).isPositive();
    assertThat(output.substring(0, separator)).isEqualTo(expectedStatus);
    assertThat(output.substring(separator + 1)).isEqualTo(expectedMessage);
  }

  @Test
  void everyStatusIsOneArgoCdKnows() throws Exception {
    for (Arguments arguments : resources().toList()) {
      String output = runHealthCheck(healthScript, readResource((String) arguments.get()[0]));
      assertThat(output.substring(0, output.indexOf('|')))
          .isIn("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");
    }
  }

  @Test
  void argoCdConfigMapSnippetHoldsExactlyHealthLua() throws Exception {
    JsonNode snippet = YAML.readTree(repo.resolve("manifests/argocd/argocd-cm-patch.yaml").toFile());

    assertThat(snippet.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(snippet.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
    assertThat(snippet.path("metadata").path("namespace").asText()).isEqualTo("argocd");
    assertThat(snippet.path("data").has(CONFIG_MAP_KEY)).as("data key %s", CONFIG_MAP_KEY).isTrue();
    assertThat(snippet.path("data").path(CONFIG_MAP_KEY).asText()).isEqualTo(Files.readString(healthScript));
  }

  @Test
  void scriptFromTheSnippetGivesTheSameVerdict() throws Exception {
    JsonNode snippet = YAML.readTree(repo.resolve("manifests/argocd/argocd-cm-patch.yaml").toFile());
    Path fromSnippet = work.resolve("snippet-health.lua");
    Files.writeString(fromSnippet, snippet.path("data").path(CONFIG_MAP_KEY).asText());

    assertThat(runHealthCheck(fromSnippet, readResource("degraded-with-warnings.yaml")))
        .isEqualTo("Degraded|GET /cluster on qdrant-2 did not answer within 5s");
  }

  private JsonNode healthyWith(String interval, String timeout) throws IOException {
    ObjectNode resource = (ObjectNode) readResource("healthy.yaml");
    ObjectNode spec = (ObjectNode) resource.get("spec");
    spec.remove("interval");
    if (interval != null) {
      spec.put("interval", interval);
    }
    if (timeout != null) {
      spec.put("timeout", timeout);
    }
    return resource;
  }

  private String healthAfter(JsonNode resource, long secondsSinceLastPoll) throws Exception {
    return runHealthCheck(healthScript, resource, LAST_POLL.plusSeconds(secondsSinceLastPoll));
  }

  @Test
  void aStatusOlderThanTwoMinutesPlusTheTimeoutIsStaleForShortIntervals() throws Exception {
    JsonNode resource = healthyWith("30s", null);
    assertThat(healthAfter(resource, 125)).isEqualTo("Healthy|3/3 nodes healthy");
    assertThat(healthAfter(resource, 126)).isEqualTo("Degraded|status is stale since 2025-11-25T06:10:00Z");
  }

  @Test
  void aStatusOlderThanThreeIntervalsPlusTheTimeoutIsStale() throws Exception {
    JsonNode resource = healthyWith("10m", "1m30s");
    assertThat(healthAfter(resource, 1890)).startsWith("Healthy|");
    assertThat(healthAfter(resource, 1891)).isEqualTo("Degraded|status is stale since 2025-11-25T06:10:00Z");
  }

  @Test
  void theDefaultsAre120sAnd5s() throws Exception {
    JsonNode resource = healthyWith(null, null);
    assertThat(healthAfter(resource, 365)).startsWith("Healthy|");
    assertThat(healthAfter(resource, 366)).startsWith("Degraded|status is stale");
    JsonNode unreadable = healthyWith("abc", "soon");
    assertThat(healthAfter(unreadable, 366)).startsWith("Degraded|status is stale");
  }

  @Test
  void aStaleStatusWinsOverARunningAction() throws Exception {
    JsonNode resource = readResource("action-running.yaml");
    ((ObjectNode) resource.get("status")).put("lastPollTime", "2025-11-25T06:10:00+01:00");
    assertThat(runHealthCheck(healthScript, resource, Instant.parse("2025-11-25T05:16:06Z")))
        .isEqualTo("Degraded|status is stale since 2025-11-25T06:10:00+01:00");
    assertThat(runHealthCheck(healthScript, resource, Instant.parse("2025-11-25T05:16:00Z")))
        .startsWith("Progressing|");
  }

  @Test
  void rendersLuaLiteralsThatSurviveEveryCharacter() {
    JsonNode node = YAML.valueToTree(Map.of("k\"ey", List.of("a\\b\n\u0001", 1.5, true)));
    assertThat(toLua(node)).isEqualTo("{[\"k\\\"ey\"] = {\"a\\\\b\\n\\001\", 1.5, true}}");
  }

  private String runHealthCheck(Path script, JsonNode resource) throws IOException, InterruptedException {
    return runHealthCheck(script, resource, FIXTURES_NOW);
  }

  private String runHealthCheck(Path script, JsonNode resource, Instant now) throws IOException,
      InterruptedException {
    requireInterpreter();
    assertThat(script).isRegularFile();
    Path objectFile = work.resolve("object.lua");
    Files.writeString(objectFile, "return " + toLua(resource) + "\n");
    Path driver = work.resolve("run-health.lua");
    try (InputStream in = ArgoHealthCheckTest.class.getResourceAsStream("/argocd/run-health.lua")) {
      assertThat(in).as("test resource /argocd/run-health.lua").isNotNull();
      Files.write(driver, in.readAllBytes());
    }

    Process process = new ProcessBuilder(lua.toString(), driver.toString(), objectFile.toString(), script.toString(),
        Long.toString(now.getEpochSecond()))
        .redirectErrorStream(true)
        .start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("lua5.1 did not finish within 30 s");
    }
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("lua5.1 exit code; output:%n%s", text).isZero();
    return text;
  }

  private static JsonNode readResource(String name) throws IOException {
    try (InputStream in = ArgoHealthCheckTest.class.getResourceAsStream("/argocd/" + name)) {
      assertThat(in).as("test resource /argocd/%s", name).isNotNull();
      return YAML.readTree(in);
    }
  }

  /** A JSON value as a Lua 5.1 table constructor; JSON null becomes nil, as in Argo CD's conversion. */
  static String toLua(JsonNode node) {
    StringBuilder out = new StringBuilder();
    appendLua(node, out);
    return out.toString();
  }

  private static void appendLua(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          out.append('[');
          appendLuaString(field.getKey(), out);
          out.append("] = ");
          appendLua(field.getValue(), out);
          if (fields.hasNext()) {
            out.append(", ");
          }
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('{');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          appendLua(node.get(i), out);
        }
        out.append('}');
      }
      case STRING -> appendLuaString(node.textValue(), out);
      case NUMBER -> out.append(node.numberValue());
      case BOOLEAN -> out.append(node.booleanValue());
      default -> out.append("nil");
    }
  }

  /** Lua 5.1 string escapes; bytes of 0x80 and above pass through, Lua strings are byte strings. */
  private static void appendLuaString(String value, StringBuilder out) {
    out.append('"');
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\%03d", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
