package io.qdrantvigil.plugin;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code kubectl vigil ACTION NAME VALUE}: writes the annotation as the user (a merge patch, so RBAC
 * and the audit log see the person), then follows the watch until the operator records the outcome.
 */
final class ActionCommand {

  private final Terminal terminal;
  private final CommandLine line;
  private final Kubectl kubectl;
  private final Style style;

  ActionCommand(Terminal terminal, CommandLine line, Kubectl kubectl) {
    this.terminal = terminal;
    this.line = line;
    this.kubectl = kubectl;
    this.style = terminal.style();
  }

  int run() throws KubeException, InterruptedException {
    String action = line.command();
    String name = line.positional().get(0);
    String value = value();
    String namespace = line.namespace() != null ? line.namespace() : kubectl.currentNamespace();

    JsonValue before = WatchReader.one(kubectl, namespace, name);
    List<JsonValue> earlier = before.path("status", "actions").items();
    String patch = "{\"metadata\":{\"annotations\":{" + Json.quote(Actions.PREFIX + action) + ":"
        + Json.quote(value) + "}}}";
    kubectl.mergePatch(WatchPaths.RESOURCE, namespace, name, patch);
    terminal.out().println(Actions.PREFIX + action + "=" + value + " written on " + namespace + "/" + name);
    if (line.waitFor().isZero()) {
      terminal.out().println("not waiting for the outcome (--wait 0); 'kubectl vigil status " + name + " -n "
          + namespace + "' shows it");
      return ExitCodes.OK;
    }
    return awaitOutcome(namespace, name, action, value, earlier, before.path("metadata", "resourceVersion").text());
  }

  private String value() {
    String value = line.positional().size() > 1 ? line.positional().get(1)
        : terminal.clock().instant().truncatedTo(ChronoUnit.MILLIS).toString();
    if (line.dryRun()) {
      value += ";dry-run";
    }
    if (line.force()) {
      value += ";force";
    }
    return value;
  }

  private int awaitOutcome(String namespace, String name, String action, String value, List<JsonValue> earlier,
      String resourceVersion) throws KubeException, InterruptedException {
    long deadline = System.nanoTime() + line.waitFor().toNanos();
    String lastProgress = null;
    try (WatchEvents events = new WatchEvents(kubectl, namespace, name, resourceVersion)) {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        Optional<WatchEvents.Event> event = events.next(Duration.ofNanos(left));
        if (event.isEmpty()) {
          continue;
        }
        if (event.get().type().equals("DELETED")) {
          terminal.err().println("the watch " + namespace + "/" + name + " was deleted before an outcome");
          return ExitCodes.FAILED;
        }
        List<JsonValue> current = event.get().object().path("status", "actions").items();
        Optional<JsonValue> record = ActionRecords.outcome(earlier, current, action, value);
        if (record.isEmpty()) {
          continue;
        }
        if (ActionRecords.running(record.get())) {
          String progress = record.get().get("message").textOr("");
          if (!Objects.equals(progress, lastProgress)) {
            terminal.out().println(ActionRecords.describe(record.get(), style));
            lastProgress = progress;
          }
          continue;
        }
        terminal.out().println(ActionRecords.describe(record.get(), style));
        return ActionRecords.succeeded(record.get()) ? ExitCodes.OK : ExitCodes.FAILED;
      }
    }
    terminal.err().println("no outcome within " + GoDuration.format(line.waitFor()) + ": is the operator running and"
        + " watching namespace " + namespace + "? The annotation stays on the watch until the operator takes it.");
    return ExitCodes.FAILED;
  }
}
