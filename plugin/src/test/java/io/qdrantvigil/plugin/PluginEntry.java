package io.qdrantvigil.plugin;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/** The plugin's entry for tests in other packages: a run with the given environment and streams, not a terminal. */
public final class PluginEntry {

  private PluginEntry() {}

  public static int run(Map<String, String> env, PrintStream out, PrintStream err, String... args) {
    return Main.run(new Terminal(env, out, err, Clock.systemUTC(), false), args);
  }
}
