package io.qdrantvigil.plugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user asked for. kubectl hands a plugin its arguments as they are, global flags
 * included, so {@code --kubeconfig} and {@code --context} are accepted here and passed on to kubectl.
 */
record CommandLine(
    String command,
    List<String> positional,
    String namespace,
    boolean allNamespaces,
    boolean watch,
    boolean json,
    boolean dryRun,
    boolean force,
    Duration waitFor,
    List<String> kubectlFlags) {

  static final String STATUS = "status";
  static final String HELP = "help";
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  static CommandLine parse(String... args) throws UsageException {
    List<String> positional = new ArrayList<>();
    List<String> kubectlFlags = new ArrayList<>();
    String namespace = null;
    boolean all = false;
    boolean watch = false;
    String output = null;
    boolean dryRun = false;
    boolean force = false;
    String wait = null;
    boolean flagsEnded = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (flagsEnded || !arg.startsWith("-") || arg.equals("-")) {
        positional.add(arg);
        continue;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      switch (name) {
        case "--" -> flagsEnded = true;
        case "-h", "--help" -> {
          return help();
        }
        case "-A", "--all-namespaces" -> all = true;
        case "-w", "--watch" -> watch = true;
        case "--dry-run" -> dryRun = true;
        case "--force" -> force = true;
        case "-n", "--namespace" -> {
          namespace = inline != null ? inline : next(args, ++i, arg);
        }
        case "-o", "--output" -> {
          output = inline != null ? inline : next(args, ++i, arg);
        }
        case "--wait" -> wait = inline != null ? inline : next(args, ++i, arg);
        case "--kubeconfig", "--context", "--cluster", "--user" -> {
          kubectlFlags.add(name + "=" + (inline != null ? inline : next(args, ++i, arg)));
        }
        default -> {
          if (arg.startsWith("-o") && arg.length() > 2) {
            output = arg.substring(2);
          } else if (arg.startsWith("-n") && arg.length() > 2) {
            namespace = arg.substring(2);
          } else {
            throw new UsageException("unknown flag " + arg);
          }
        }
      }
    }
    if (positional.isEmpty()) {
      throw new UsageException("no command given");
    }
    if (output != null && !output.equals("json")) {
      throw new UsageException("-o takes only json, got '" + output + "'");
    }
    Duration waitFor = DEFAULT_WAIT;
    if (wait != null) {
      String given = wait;
      waitFor = GoDuration.parse(given).orElseThrow(
          () -> new UsageException("--wait takes a duration such as 60s, 2m or 0, got '" + given + "'"));
    }
    CommandLine line = new CommandLine(positional.get(0), List.copyOf(positional.subList(1, positional.size())),
        namespace, all, watch, output != null, dryRun, force, waitFor, List.copyOf(kubectlFlags));
    line.check(wait != null);
    return line;
  }

  private static CommandLine help() {
    return new CommandLine(HELP, List.of(), null, false, false, false, false, false, DEFAULT_WAIT, List.of());
  }

  private void check(boolean waitGiven) throws UsageException {
    if (command.equals(HELP)) {
      return;
    }
    if (command.equals(STATUS)) {
      if (positional.size() > 1) {
        throw new UsageException("status takes at most one watch name, got " + String.join(" ", positional));
      }
      if (allNamespaces && !positional.isEmpty()) {
        throw new UsageException("-A lists every watch; it does not go with a NAME");
      }
      if (allNamespaces && namespace != null) {
        throw new UsageException("-A and -n do not go together");
      }
      if (dryRun || force || waitGiven) {
        throw new UsageException("--dry-run, --force and --wait belong to actions, not to status");
      }
      return;
    }
    if (!Actions.VALUES.containsKey(command)) {
      throw new UsageException("unknown command '" + command + "'");
    }
    if (allNamespaces || watch || json) {
      throw new UsageException("-A, -w and -o belong to status, not to " + command);
    }
    boolean valueNeeded = !Actions.FREE_VALUE.contains(command);
    int wanted = valueNeeded ? 2 : 1;
    if (positional.size() < wanted) {
      throw new UsageException(command + " needs " + (valueNeeded ? "NAME VALUE" : "NAME")
          + " (VALUE: " + Actions.VALUES.get(command) + ")");
    }
    if (positional.size() > 2) {
      throw new UsageException(command + " takes NAME VALUE; quote a VALUE that holds spaces or ';'");
    }
    if (valueNeeded && positional.get(1).isBlank()) {
      throw new UsageException(command + " needs a VALUE: " + Actions.VALUES.get(command));
    }
  }

  private static String next(String[] args, int i, String flag) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(flag + " needs a value");
    }
    return args[i];
  }
}
