package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each annotation write runs at most once, across operator restarts and re-reconciles. A request
 * is taken in three moves: a Running record (the trace a later process finds), then the removal of
 * its annotation by a JSON Patch that tests the value ({@link AnnotationTaker}), then the run. A
 * Running record that this process did not write was cut short by an earlier process: it becomes
 * Interrupted, never run again.
 *
 * <p>When Kubernetes refuses the removal (RBAC, a webhook, a conflict) the request is Refused once
 * and not run, and the same value is not tried again until the annotation changes: this process
 * remembers the refused (annotation, value) until it sees the annotation gone or changed; a process
 * started later finds the Refused record in the status and remembers it again.
 */
final class AtMostOnceTaking {

  /** Kubernetes' text follows; the words come first so that a long text cut to fit loses only its end. */
  static final String TAKE_REFUSED = "could not take the request (remove its annotation), so it was not run and "
      + "this value is not tried again until the annotation changes: ";

  private final AnnotationTaker taker;
  private final ActionRecords records;
  /** Running records this process wrote and has not yet recorded the outcome of. */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  /** Per watch: annotation key to the value whose removal Kubernetes refused. */
  private final Map<String, Map<String, String>> refusedTakes = new ConcurrentHashMap<>();

  AtMostOnceTaking(AnnotationTaker taker, ActionRecords records) {
    this.taker = taker;
    this.records = records;
  }

  /** A request taken: its Running record, and the outcome already reached when it was not taken. */
  record Taken(ActionRecord running, Optional<ActionOutcome> notTaken) {}

  /** Before the requests of an intake: the Running records of earlier processes become Interrupted. */
  void interruptOrphans(QdrantClusterWatch watch) {
    records.interruptOrphans(watch, r -> inFlight.contains(ActionRecords.key(watch, r)));
  }

  /**
   * Refused (annotation, value) pairs whose annotation changed are forgotten; on the first intake of
   * a watch in this process, those the status records are remembered.
   */
  void observe(QdrantClusterWatch watch, SortedMap<String, String> annotations, Map<String, String> recordedRequests) {
    Map<String, String> refused = refusedTakes.computeIfAbsent(ActionRecords.watchKey(watch), k -> {
      Map<String, String> seeded = new ConcurrentHashMap<>();
      for (ActionRecord record : records.current(watch)) {
        annotations.forEach((key, value) -> {
          if (ActionOutcome.REFUSED.equals(record.outcome()) && record.message() != null
              && record.message().startsWith(TAKE_REFUSED)
              && ActionAnnotations.action(key).equals(record.action())
              && Objects.equals(recordedRequests.get(key), record.request())) {
            seeded.put(key, value);
          }
        });
      }
      return seeded;
    });
    refused.entrySet().removeIf(e -> !Objects.equals(annotations.get(e.getKey()), e.getValue()));
  }

  /**
   * Takes the request, or returns empty when it must not be tried (its removal was refused before).
   * Throws when the Running record cannot be written: nothing was taken then, the request is tried
   * at the next intake.
   */
  Optional<Taken> take(QdrantClusterWatch watch, String key, String value, String request) {
    Map<String, String> refused = refusedTakes.computeIfAbsent(ActionRecords.watchKey(watch),
        k -> new ConcurrentHashMap<>());
    if (value.equals(refused.get(key))) {
      return Optional.empty();
    }
    ActionRecord running = new ActionRecord(ActionAnnotations.action(key), request, ActionOutcome.RUNNING,
        ActionIntake.TAKEN, records.now());
    String flightKey = ActionRecords.key(watch, running);
    inFlight.add(flightKey);
    try {
      records.add(watch, running);
    } catch (RuntimeException e) {
      inFlight.remove(flightKey);
      throw e;
    }
    Optional<AnnotationTaker.NotTaken> notTaken = taker.take(watch, key, value);
    if (notTaken.isEmpty()) {
      return Optional.of(new Taken(running, Optional.empty()));
    }
    if (notTaken.get().stillThere()) {
      refused.put(key, value);
      return Optional.of(new Taken(running, Optional.of(
          ActionOutcome.refused(TAKE_REFUSED + notTaken.get().kubernetesMessage()))));
    }
    return Optional.of(new Taken(running, Optional.of(ActionOutcome.refused(AnnotationTaker.SUPERSEDED))));
  }

  /** Once the outcome of a request is in the status, it is no longer in flight. */
  Runnable settled(QdrantClusterWatch watch, ActionRecord running) {
    String flightKey = ActionRecords.key(watch, running);
    return () -> inFlight.remove(flightKey);
  }
}
