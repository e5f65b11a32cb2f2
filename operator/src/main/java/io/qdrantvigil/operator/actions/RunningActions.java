package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.health.ClusterAssessment;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The actions of each watch that go on across polls, advanced after each poll: their progress in
 * their Running record's message, an Event per step, and the outcome recorded when they end.
 */
final class RunningActions {

  private final ActionRecords records;
  private final Clock clock;
  private final Map<String, Map<ActionRecord, Entry>> byWatch = new ConcurrentHashMap<>();

  RunningActions(ActionRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  private record Entry(RunningAction action, List<String> secrets, Runnable settled) {}

  void start(QdrantClusterWatch watch, ActionRecord running, RunningAction action, List<String> secrets,
      Runnable settled, ClusterAssessment assessment, DataPlacement placement) {
    byWatch.computeIfAbsent(ActionRecords.watchKey(watch), k -> new ConcurrentHashMap<>())
        .put(running, new Entry(action, secrets, settled));
    advance(watch, running, assessment, placement);
  }

  /** After a poll: every running action of the watch takes its next step or goes on waiting. */
  void advanceAll(QdrantClusterWatch watch, ClusterAssessment assessment, DataPlacement placement) {
    for (ActionRecord running : List.copyOf(entries(watch).keySet())) {
      advance(watch, running, assessment, placement);
    }
  }

  /** The multi-step action holding the watch, if one runs. */
  Optional<RunningAction> multiStep(QdrantClusterWatch watch) {
    return entries(watch).values().stream().map(Entry::action).filter(RunningAction::multiStep).findFirst();
  }

  private void advance(QdrantClusterWatch watch, ActionRecord running, ClusterAssessment assessment,
      DataPlacement placement) {
    Entry entry = entries(watch).get(running);
    RunningAction.Advance next = entry.action().advance(assessment, placement, clock.instant());
    for (String step : next.steps()) {
      records.step(watch, running, Redaction.scrub(step, entry.secrets()));
    }
    if (next.outcome().isPresent()) {
      entries(watch).remove(running);
      records.finish(watch, running, next.outcome().get(), entry.secrets(), entry.settled());
    } else {
      records.describe(watch, running, Redaction.scrub(next.progress(), entry.secrets()));
    }
  }

  private Map<ActionRecord, Entry> entries(QdrantClusterWatch watch) {
    return byWatch.getOrDefault(ActionRecords.watchKey(watch), Map.of());
  }
}
