package io.qdrantvigil.plugin;

import java.time.Clock;

/** {@code kubectl-vigil}: see {@link Usage}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // A plugin stopped by a signal takes its kubectl processes (a -w watch) with it.
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy), "kubectl-vigil-children"));
    Terminal terminal = new Terminal(System.getenv(), System.out, System.err, Clock.systemUTC(),
        System.console() != null);
    int exit = run(terminal, args);
    System.out.flush();
    System.exit(exit);
  }

  static int run(Terminal terminal, String... args) {
    CommandLine line;
    try {
      line = CommandLine.parse(args);
    } catch (UsageException e) {
      terminal.err().println("kubectl vigil: " + e.getMessage());
      terminal.err().println("Run 'kubectl vigil --help' for usage.");
      return ExitCodes.USAGE;
    }
    try {
      return switch (line.command()) {
        case CommandLine.HELP -> {
          terminal.out().print(Usage.text());
          yield ExitCodes.OK;
        }
        case CommandLine.STATUS -> new StatusCommand(terminal, line, terminal.kubectl(line)).run();
        default -> new ActionCommand(terminal, line, terminal.kubectl(line)).run();
      };
    } catch (KubeException e) {
      terminal.err().println("kubectl vigil: " + e.getMessage());
      return ExitCodes.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILED;
    }
  }
}
