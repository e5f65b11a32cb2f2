package io.qdrantvigil.plugin;

import java.time.Instant;
import java.util.List;

/** One line per watch, the way {@code kubectl get qcw} lays it out, with staleness said in words. */
final class WatchListView {

  private WatchListView() {}

  static String render(List<JsonValue> watches, boolean withNamespace, Instant now, Style style) {
    if (watches.isEmpty()) {
      return "No QdrantClusterWatch found.\n";
    }
    Table table = new Table("");
    if (withNamespace) {
      table.header(style, "NAMESPACE", "NAME", "STATUS", "HEALTHY", "LEADER", "HEALTH%", "DATA", "WARNINGS",
          "LAST POLL");
    } else {
      table.header(style, "NAME", "STATUS", "HEALTHY", "LEADER", "HEALTH%", "DATA", "WARNINGS", "LAST POLL");
    }
    for (JsonValue watch : watches) {
      JsonValue status = watch.get("status");
      Verdict verdict = Verdict.of(watch, now);
      String lastPoll = verdict.freshness().map(f -> GoDuration.ago(f.age())).orElse("never");
      Table.Cell[] cells = {
          Table.Cell.of(watch.path("metadata", "name").text()),
          new Table.Cell(verdict.word(), style::state),
          Table.Cell.of(status.get("healthyNodes").text()),
          Table.Cell.of(status.get("leader").text()),
          Table.Cell.of(status.get("healthPercentage").text()),
          new Table.Cell(status.path("data", "state").text(), style::state),
          Table.Cell.of(status.get("warningCount").text()),
          new Table.Cell(lastPoll, verdict.stale() ? style::orange : s -> s)};
      if (withNamespace) {
        Table.Cell[] withNs = new Table.Cell[cells.length + 1];
        withNs[0] = Table.Cell.of(watch.path("metadata", "namespace").text());
        System.arraycopy(cells, 0, withNs, 1, cells.length);
        cells = withNs;
      }
      table.row(cells);
    }
    StringBuilder out = new StringBuilder();
    table.printTo(out);
    return out.toString();
  }
}
