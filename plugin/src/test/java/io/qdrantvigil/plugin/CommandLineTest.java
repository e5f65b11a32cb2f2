package io.qdrantvigil.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

  @Test
  void statusFlagsAndKubectlFlagsAreRead() throws UsageException {
    CommandLine line = CommandLine.parse("status", "prod", "-n", "shop", "-w", "-o", "json", "--context=kind",
        "--kubeconfig", "/tmp/k");

    assertThat(line.command()).isEqualTo("status");
    assertThat(line.positional()).containsExactly("prod");
    assertThat(line.namespace()).isEqualTo("shop");
    assertThat(line.watch()).isTrue();
    assertThat(line.json()).isTrue();
    assertThat(line.kubectlFlags()).containsExactly("--context=kind", "--kubeconfig=/tmp/k");
  }

  @Test
  void actionFlagsAreRead() throws UsageException {
    CommandLine line = CommandLine.parse("delete-pod", "prod", "qdrant-0", "--dry-run", "--force", "--wait=2m",
        "--namespace=shop");

    assertThat(line.positional()).containsExactly("prod", "qdrant-0");
    assertThat(line.dryRun()).isTrue();
    assertThat(line.force()).isTrue();
    assertThat(line.waitFor()).isEqualTo(Duration.ofMinutes(2));
    assertThat(line.namespace()).isEqualTo("shop");
    assertThat(CommandLine.parse("poll", "prod").waitFor()).isEqualTo(Duration.ofSeconds(60));
    assertThat(CommandLine.parse("poll", "prod", "--wait", "0").waitFor()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "frobnicate prod",
      "status a b",
      "status prod -A",
      "status -A -n shop",
      "status -o yaml",
      "status prod --dry-run",
      "status --bogus",
      "delete-pod prod",
      "scale",
      "restart prod qdrant extra",
      "poll prod -w",
      "poll prod --wait soon",
      "poll prod -n"})
  void usageErrorsExitWithTwoAndTouchNothing(String args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal = new Terminal(Map.of("KUBECTL", "/nonexistent/kubectl"), new PrintStream(out, true),
        new PrintStream(err, true), Clock.systemUTC(), false);

    int exit = Main.run(terminal, args.isEmpty() ? new String[0] : args.split(" "));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("kubectl vigil: ").contains("--help");
    assertThat(out.size()).isZero();
  }

  @Test
  void helpNamesEveryActionOfTheContract() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Terminal terminal = new Terminal(Map.of(), new PrintStream(out, true), System.err, Clock.systemUTC(), false);

    assertThat(Main.run(terminal, "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("remove-peer", "delete-pod", "restart", "scale",
        "recover", "move-shard", "replicate-shard", "abort-transfer", "drop-replica", "cancel", "poll");
  }

  @Test
  void colourNeedsATerminalAndNoNoColor() {
    assertThat(Style.forOutput(true, Map.of()).colour()).isTrue();
    assertThat(Style.forOutput(false, Map.of()).colour()).isFalse();
    assertThat(Style.forOutput(true, Map.of("NO_COLOR", "1")).colour()).isFalse();
    assertThat(Style.forOutput(true, Map.of("TERM", "dumb")).colour()).isFalse();
  }
}
