package io.qdrantvigil.plugin;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/** Where the plugin runs: its environment, its output streams, its clock, and whether stdout is a terminal. */
record Terminal(Map<String, String> env, PrintStream out, PrintStream err, Clock clock, boolean interactive) {

  Style style() {
    return Style.forOutput(interactive, env);
  }

  Kubectl kubectl(CommandLine line) {
    String binary = env.getOrDefault("KUBECTL", "");
    return new Kubectl(binary.isBlank() ? "kubectl" : binary, line.kubectlFlags());
  }
}
