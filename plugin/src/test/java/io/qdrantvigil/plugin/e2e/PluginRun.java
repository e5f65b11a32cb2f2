package io.qdrantvigil.plugin.e2e;

import io.qdrantvigil.plugin.PluginEntry;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code kubectl vigil ...} run in the test JVM against the sandbox, as a user with the admin kubeconfig. */
record PluginRun(int exit, String out, String err) {

  static PluginRun run(KubeApiServer server, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--kubeconfig=" + server.kubeconfigPath());
    int exit = PluginEntry.run(Map.of("KUBECTL", server.kubectlCurrent().binary().toString(), "NO_COLOR", "1"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        all.toArray(String[]::new));
    return new PluginRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
