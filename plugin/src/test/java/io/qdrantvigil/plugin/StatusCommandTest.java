package io.qdrantvigil.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status command over the stand-in kubectl that {@code make plugin} trains the class-data archive with. */
class StatusCommandTest {

  private static final Path TRAINING = Path.of("src/main/dist/training");

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Terminal terminal = new Terminal(Map.of("KUBECTL", TRAINING.resolve("kubectl").toAbsolutePath().toString(),
        "NO_COLOR", "1"), new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
        Clock.fixed(Watches.NOW, ZoneOffset.UTC), true);
    assertThat(Main.run(terminal, args)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonIsTheResourceAsTheApiServerReturnedIt() throws IOException {
    String out = run("status", "prod", "-o", "json");

    assertThat(Json.parse(out)).isEqualTo(Json.parse(Files.readString(TRAINING.resolve("watch.json"))));
    assertThat(out).contains("\"peerId\": \"18446744073709551557\"", "\"healthPercentage\": 66.7");
  }

  @Test
  void noColorWinsOverATerminal() {
    String out = run("status", "prod");

    assertThat(out).startsWith("prod in namespace demo\n").contains("  Status      Degraded\n");
    assertThat(out).doesNotContain("\u001b[");
  }
}
