package io.qdrantvigil.plugin;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One watch at a glance: the card, the warnings (only when there are any), the nodes, the
 * collections that are not Healthy, running transfers and actions, and the commands to paste.
 * Fields an older operator does not write (the data view) are left out, never shown as errors.
 */
final class StatusView {

  private static final String INDENT = "  ";
  private static final String LABEL = "%-11s ";

  private final JsonValue watch;
  private final JsonValue status;
  private final Instant now;
  private final Style style;
  private final StringBuilder out = new StringBuilder();

  private StatusView(JsonValue watch, Instant now, Style style) {
    this.watch = watch;
    this.status = watch.get("status");
    this.now = now;
    this.style = style;
  }

  static String render(JsonValue watch, Instant now, Style style) {
    StatusView view = new StatusView(watch, now, style);
    view.card();
    view.warnings();
    view.nodes();
    view.collections();
    view.transfers();
    view.actions();
    view.commands();
    return view.out.toString();
  }

  private void card() {
    Verdict verdict = Verdict.of(watch, now);
    out.append(style.bold(watch.path("metadata", "name").text())).append(" in namespace ")
        .append(watch.path("metadata", "namespace").textOr("-")).append('\n');
    line("Status", statusLine(verdict));
    if (!verdict.word().equals(Verdict.PENDING)) {
      line("Healthy", status.get("healthyNodes").textOr("-") + " nodes ("
          + status.get("healthPercentage").textOr("0") + "%)");
      line("Leader", leaderLine());
      line("Data", dataLine());
    }
    line("Last poll", lastPollLine(verdict));
    if (status.get("discovery").present()) {
      line("Discovery", status.get("discovery").text());
    }
    out.append('\n');
  }

  private String statusLine(Verdict verdict) {
    return switch (verdict.word()) {
      case Verdict.STALE -> {
        Freshness f = verdict.freshness().orElseThrow();
        yield style.orange("stale since " + f.lastPoll()) + " (" + GoDuration.ago(f.age()) + ", over "
            + GoDuration.format(f.limit()) + " without a poll): the last verdict written, "
            + Objects.requireNonNullElse(verdict.lastVerdict(), "none") + ", is not current";
      }
      case Verdict.INVALID_SPEC -> style.red("InvalidSpec") + ": " + Verdict.ready(watch).get("message").textOr("");
      case Verdict.PENDING -> style.orange("no status yet")
          + ": the operator has not polled this watch (is it running and watching this namespace?)";
      default -> style.bold(style.state(verdict.word()));
    };
  }

  private String leaderLine() {
    String leader = status.get("leader").text();
    if (leader == null || leader.isEmpty()) {
      return style.red("none agreed");
    }
    String pod = status.get("nodes").items().stream()
        .filter(n -> leader.equals(n.get("peerId").text()))
        .map(n -> n.get("podName").textOr(n.get("url").text()))
        .filter(Objects::nonNull)
        .findFirst().orElse(null);
    return pod == null ? leader : leader + " (" + pod + ")";
  }

  private String dataLine() {
    JsonValue data = status.get("data");
    if (!data.present()) {
      return style.dim("not reported (an operator without the data view)");
    }
    StringBuilder line = new StringBuilder(style.state(data.get("state").textOr("Unknown")));
    String facts = List.of(
            count(data.get("collections"), "collection"),
            count(data.get("shards"), "shard"),
            data.get("readableReplicas").present() ? data.get("readableReplicas").text() + " replicas readable" : "",
            count(data.get("transfers"), "transfer"))
        .stream().filter(s -> !s.isEmpty()).collect(Collectors.joining(", "));
    if (!facts.isEmpty()) {
      line.append(": ").append(facts);
    }
    String viewTime = data.get("viewTime").text();
    if (viewTime != null) {
      line.append(style.orange(" (the view read " + since(viewTime) + ": this poll could not read it)"));
    }
    return line.toString();
  }

  private static String count(JsonValue number, String noun) {
    String n = number.text();
    if (n == null) {
      return "";
    }
    return n + " " + noun + ("1".equals(n) ? "" : "s");
  }

  private String lastPollLine(Verdict verdict) {
    return verdict.freshness()
        .map(f -> f.lastPoll() + " (" + GoDuration.ago(f.age()) + ")")
        .orElse("never");
  }

  private void warnings() {
    List<JsonValue> warnings = status.get("warnings").items();
    if (warnings.isEmpty()) {
      return;
    }
    String omitted = status.get("warningsOmitted").text();
    section("Warnings (" + status.get("warningCount").textOr(String.valueOf(warnings.size()))
        + (omitted != null ? ", " + omitted + " not shown" : "") + ")");
    Table table = new Table(INDENT).header(style, "NODE", "TYPE", "MESSAGE");
    for (JsonValue w : warnings) {
      String error = w.get("error").text();
      String message = w.get("message").textOr("");
      if (error != null && !error.isEmpty() && !message.contains(error)) {
        message = message.isEmpty() ? error : message + " (" + error + ")";
      }
      table.row(Table.Cell.of(w.get("node").text()), new Table.Cell(w.get("type").text(), style::orange),
          Table.Cell.of(message));
    }
    table.printTo(out);
    out.append('\n');
  }

  private void nodes() {
    List<JsonValue> nodes = status.get("nodes").items();
    if (nodes.isEmpty()) {
      return;
    }
    boolean stale = Verdict.of(watch, now).stale();
    section("Nodes (" + nodes.size() + (stale ? ", as of the last poll" : "") + ")");
    boolean replicas = nodes.stream().anyMatch(n -> n.get("replicas").present());
    Table table = new Table(INDENT);
    if (replicas) {
      table.header(style, "PEER ID", "POD", "URL", "VERSION", "ROLE", "STATE", "ERROR", "REPLICAS");
    } else {
      table.header(style, "PEER ID", "POD", "URL", "VERSION", "ROLE", "STATE", "ERROR");
    }
    for (JsonValue n : nodes) {
      Table.Cell role = n.get("leader").isTrue()
          ? new Table.Cell("* leader", style::bold)
          : Table.Cell.of(n.path("raft", "role").text());
      Table.Cell[] cells = {
          Table.Cell.of(n.get("peerId").text()),
          Table.Cell.of(n.get("podName").text()),
          Table.Cell.of(n.get("url").text()),
          Table.Cell.of(n.get("version").text()),
          role,
          new Table.Cell(n.get("state").text(), style::state),
          new Table.Cell(n.get("errorType").text(), style::red)};
      if (replicas) {
        cells = append(cells, Table.Cell.of(replicasOf(n)));
      }
      table.row(cells);
    }
    table.printTo(out);
    out.append('\n');
  }

  private static String replicasOf(JsonValue node) {
    String replicas = node.get("replicas").text();
    String dead = node.get("deadReplicas").text();
    if (replicas == null) {
      return null;
    }
    return dead == null || "0".equals(dead) ? replicas : replicas + " (" + dead + " dead)";
  }

  private void collections() {
    List<JsonValue> unhealthy = status.get("collections").items().stream()
        .filter(c -> !"Healthy".equals(c.get("state").text()))
        .toList();
    if (unhealthy.isEmpty()) {
      return;
    }
    String total = status.path("data", "collections").text();
    section("Collections not healthy (" + unhealthy.size() + (total != null ? " of " + total : "") + ")");
    Table table = new Table(INDENT).header(style, "NAME", "STATE", "SHARDS", "RF", "READABLE", "TRANSFERS",
        "PROBLEMS");
    for (JsonValue c : unhealthy) {
      table.row(Table.Cell.of(c.get("name").text()), new Table.Cell(c.get("state").text(), style::state),
          Table.Cell.of(c.get("shards").text()), Table.Cell.of(c.get("replicationFactor").text()),
          Table.Cell.of(c.get("readableReplicas").text()), Table.Cell.of(c.get("transfers").text()),
          Table.Cell.of(c.get("problems").items().stream().map(JsonValue::text).filter(Objects::nonNull)
              .collect(Collectors.joining("; "))));
    }
    table.printTo(out);
    String omitted = status.get("collectionsOmitted").text();
    if (omitted != null && !"0".equals(omitted)) {
      out.append(INDENT).append("(").append(omitted).append(" more collections not in the status)\n");
    }
    out.append('\n');
  }

  private void transfers() {
    List<JsonValue> transfers = status.get("transfers").items();
    if (transfers.isEmpty()) {
      return;
    }
    section("Transfers running (" + transfers.size() + ")");
    Table table = new Table(INDENT).header(style, "SHARD", "FROM", "TO", "METHOD", "SINCE", "PROGRESS");
    for (JsonValue t : transfers) {
      table.row(t.get("collection").textOr("?") + "/" + t.get("shard").textOr("?"), t.get("from").text(),
          t.get("to").text(), t.get("method").text(), since(t.get("firstSeen").text()), t.get("progress").text());
    }
    table.printTo(out);
    out.append('\n');
  }

  private void actions() {
    List<JsonValue> actions = status.get("actions").items();
    List<JsonValue> running = actions.stream().filter(a -> "Running".equals(a.get("outcome").text())).toList();
    if (!running.isEmpty()) {
      section("Actions running (" + running.size() + ")");
      Table table = new Table(INDENT).header(style, "ACTION", "REQUEST", "SINCE", "PROGRESS");
      for (JsonValue a : running) {
        table.row(a.get("action").text(), a.get("request").text(), since(a.get("time").text()),
            a.get("message").text());
      }
      table.printTo(out);
      out.append('\n');
    }
    actions.stream().filter(a -> !"Running".equals(a.get("outcome").text())).findFirst().ifPresent(last -> {
      out.append(style.bold("Last action")).append(": ").append(ActionRecords.describe(last, style))
          .append(" (").append(since(last.get("time").text())).append(")\n\n");
    });
  }

  private void commands() {
    List<JsonValue> nodes = status.get("nodes").items();
    List<JsonValue> notHealthy = nodes.stream().filter(n -> !"Healthy".equals(n.get("state").text())).toList();
    List<JsonValue> shown = notHealthy.isEmpty() ? nodes : notHealthy;
    List<JsonValue> withCommands = shown.stream().filter(StatusView::hasCommands).toList();
    if (withCommands.isEmpty()) {
      return;
    }
    section(notHealthy.isEmpty() ? "Commands" : "Commands for the nodes that are not healthy");
    for (JsonValue n : withCommands) {
      out.append(INDENT).append(style.dim("# " + n.get("podName").textOr(n.get("url").textOr("?"))
          + " (" + n.get("state").textOr("?") + ")")).append('\n');
      for (String field : List.of("execCommand", "logsCommand", "portForwardCommand", "dashboardUrl")) {
        String command = n.get(field).text();
        if (command != null && !command.isEmpty()) {
          out.append(INDENT).append(command).append('\n');
        }
      }
    }
  }

  private static boolean hasCommands(JsonValue node) {
    return node.get("execCommand").present() || node.get("logsCommand").present()
        || node.get("portForwardCommand").present() || node.get("dashboardUrl").present();
  }

  private String since(String time) {
    if (time == null) {
      return null;
    }
    try {
      return GoDuration.ago(Duration.between(Instant.parse(time), now));
    } catch (DateTimeParseException e) {
      return time;
    }
  }

  private void section(String title) {
    out.append(style.bold(title)).append('\n');
  }

  private void line(String label, String value) {
    out.append(INDENT).append(style.dim(String.format(LABEL, label))).append(value).append('\n');
  }

  private static Table.Cell[] append(Table.Cell[] cells, Table.Cell cell) {
    Table.Cell[] longer = java.util.Arrays.copyOf(cells, cells.length + 1);
    longer[cells.length] = cell;
    return longer;
  }
}
