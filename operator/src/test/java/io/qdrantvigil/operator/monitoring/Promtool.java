package io.qdrantvigil.operator.monitoring;

import io.qdrantvigil.sandbox.kube.SandboxTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's promtool from the sandbox tools, run in a directory; output and exit code returned. */
final class Promtool {

  record Result(int exitCode, String output) {}

  private Promtool() {}

  static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(SandboxTools.locate().promtool().toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish within 60 s");
    }
    return new Result(process.exitValue(), output);
  }
}
