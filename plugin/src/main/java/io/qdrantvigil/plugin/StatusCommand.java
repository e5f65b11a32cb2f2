package io.qdrantvigil.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code kubectl vigil status [NAME] [-n NS | -A] [-w] [-o json]} */
final class StatusCommand {

  /** How often {@code -w} looks whether the status went stale while no change came. */
  private static final Duration STALENESS_CHECK = Duration.ofSeconds(5);
  private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

  private final Terminal terminal;
  private final CommandLine line;
  private final Kubectl kubectl;
  private final Style style;

  StatusCommand(Terminal terminal, CommandLine line, Kubectl kubectl) {
    this.terminal = terminal;
    this.line = line;
    this.kubectl = kubectl;
    this.style = terminal.style();
  }

  int run() throws KubeException, InterruptedException {
    String namespace = line.allNamespaces() ? null
        : line.namespace() != null ? line.namespace() : kubectl.currentNamespace();
    return line.positional().isEmpty() ? list(namespace) : one(namespace, line.positional().get(0));
  }

  private int one(String namespace, String name) throws KubeException, InterruptedException {
    JsonValue watch = WatchReader.one(kubectl, namespace, name);
    print(render(watch));
    if (!line.watch()) {
      return ExitCodes.OK;
    }
    String shownVerdict = Verdict.of(watch, now()).word();
    try (WatchEvents events = new WatchEvents(kubectl, namespace, name, resourceVersion(watch))) {
      while (true) {
        Optional<WatchEvents.Event> event = events.next(STALENESS_CHECK);
        if (event.isPresent() && event.get().type().equals("DELETED")) {
          terminal.out().println("watch " + namespace + "/" + name + " was deleted");
          return ExitCodes.OK;
        }
        if (event.isPresent()) {
          watch = event.get().object();
        } else if (Verdict.of(watch, now()).word().equals(shownVerdict)) {
          continue;
        }
        shownVerdict = Verdict.of(watch, now()).word();
        reprint(render(watch));
      }
    }
  }

  private int list(String namespace) throws KubeException, InterruptedException {
    JsonValue list = WatchReader.list(kubectl, namespace);
    if (line.json() && !line.watch()) {
      print(list.json());
      return ExitCodes.OK;
    }
    Map<String, JsonValue> watches = new TreeMap<>();
    for (JsonValue watch : list.get("items").items()) {
      watches.put(key(watch), watch);
    }
    print(renderList(watches));
    if (!line.watch()) {
      return ExitCodes.OK;
    }
    try (WatchEvents events = new WatchEvents(kubectl, namespace, null, list.path("metadata", "resourceVersion").text())) {
      String shownVerdicts = verdicts(watches);
      while (true) {
        Optional<WatchEvents.Event> event = events.next(STALENESS_CHECK);
        if (event.isEmpty()) {
          if (!line.json() && !verdicts(watches).equals(shownVerdicts)) {
            shownVerdicts = verdicts(watches);
            reprint(renderList(watches));
          }
          continue;
        }
        JsonValue watch = event.get().object();
        if (event.get().type().equals("DELETED")) {
          watches.remove(key(watch));
        } else {
          watches.put(key(watch), watch);
        }
        shownVerdicts = verdicts(watches);
        reprint(line.json() ? watch.json() : renderList(watches));
      }
    }
  }

  /** What the list says of each watch now: it changes without an event when a status goes stale. */
  private String verdicts(Map<String, JsonValue> watches) {
    StringBuilder words = new StringBuilder();
    watches.values().forEach(w -> words.append(Verdict.of(w, now()).word()).append(' '));
    return words.toString();
  }

  private String render(JsonValue watch) {
    return line.json() ? watch.json() : StatusView.render(watch, now(), style);
  }

  private String renderList(Map<String, JsonValue> watches) {
    List<JsonValue> sorted = watches.values().stream()
        .sorted(Comparator.comparing(StatusCommand::key))
        .toList();
    return WatchListView.render(sorted, line.allNamespaces(), now(), style);
  }

  private void print(String text) {
    terminal.out().print(text);
    terminal.out().flush();
  }

  /** On a terminal the screen is redrawn; in a pipe each new view follows the last, JSON one object after another. */
  private void reprint(String text) {
    if (line.json()) {
      print(text);
    } else if (terminal.interactive()) {
      print(CLEAR_SCREEN + text);
    } else {
      print("\n" + style.dim("--- " + now()) + "\n" + text);
    }
  }

  private Instant now() {
    return terminal.clock().instant();
  }

  private static String key(JsonValue watch) {
    return watch.path("metadata", "namespace").textOr("") + "/" + watch.path("metadata", "name").textOr("");
  }

  private static String resourceVersion(JsonValue watch) {
    return watch.path("metadata", "resourceVersion").text();
  }
}
