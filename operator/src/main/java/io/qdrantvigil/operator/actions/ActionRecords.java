package io.qdrantvigil.operator.actions;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.kube.StatusWriter;
import io.qdrantvigil.operator.kube.WatchEvents;
import io.qdrantvigil.operator.status.StatusLimits;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Record-keeping of action requests: their records in {@code status.actions}, and for each outcome
 * an Event, a log line and the listener (metrics). An outcome whose status write fails is kept and
 * written again at the watch's next intake.
 */
final class ActionRecords {

  private static final Logger LOG = LoggerFactory.getLogger(ActionRecords.class);

  private final KubernetesClient client;
  private final StatusWriter statusWriter;
  private final WatchEvents events;
  private final ActionOutcomeListener listener;
  private final Clock clock;
  private final Map<String, Finished> unrecorded = new ConcurrentHashMap<>();

  ActionRecords(KubernetesClient client, StatusWriter statusWriter, WatchEvents events,
      ActionOutcomeListener listener, Clock clock) {
    this.client = client;
    this.statusWriter = statusWriter;
    this.events = events;
    this.listener = listener;
    this.clock = clock;
  }

  String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Adds a record; throws when Kubernetes refuses the write (nothing was taken then). */
  void add(QdrantClusterWatch watch, ActionRecord record) {
    statusWriter.update(watch, s -> ActionHistory.add(s, record));
  }

  /** Adds a refusal and announces it, unless the same refusal is already recorded (it is said once). */
  void addOnce(QdrantClusterWatch watch, ActionRecord refusal) {
    AtomicBoolean added = new AtomicBoolean();
    statusWriter.update(watch, s -> {
      boolean already = ActionHistory.recorded(s, refusal);
      added.set(!already);
      return already ? s : ActionHistory.add(s, refusal);
    });
    if (added.get()) {
      announce(watch, refusal);
    }
  }

  /** The message of a Running record, saying what it is doing now. */
  void describe(QdrantClusterWatch watch, ActionRecord running, String doing) {
    update(watch, s -> ActionHistory.describe(s, running, StatusLimits.cut(doing)));
  }

  /**
   * Ends a Running record with {@code outcome} (its message scrubbed of {@code secrets}) and
   * announces it; {@code recorded} runs once the record is written, now or at a later intake.
   */
  ActionRecord finish(QdrantClusterWatch watch, ActionRecord running, ActionOutcome outcome, List<String> secrets,
      Runnable recorded) {
    String message = StatusLimits.cut(Redaction.scrub(outcome.message(), secrets));
    ActionRecord done = new ActionRecord(running.action(), running.request(), outcome.outcome(), message, now());
    Finished finished = new Finished(watch, running, done, recorded);
    try {
      write(finished);
    } catch (KubernetesClientException e) {
      unrecorded.put(key(watch, running), finished);
      LOG.warn("watch {}: could not record the outcome of {} '{}' ({}); trying again at the next reconcile",
          watchKey(watch), running.action(), running.request(), KubernetesErrors.message(e));
    }
    announce(watch, done);
    return done;
  }

  void writeUnrecorded(QdrantClusterWatch watch) {
    String prefix = watchKey(watch) + "\n";
    for (Map.Entry<String, Finished> entry : unrecorded.entrySet()) {
      if (entry.getKey().startsWith(prefix)) {
        write(entry.getValue());
      }
    }
  }

  /** Every Running record that {@code ours} does not claim becomes Interrupted, announced. */
  void interruptOrphans(QdrantClusterWatch watch, Predicate<ActionRecord> ours) {
    String now = now();
    AtomicReference<List<ActionRecord>> interrupted = new AtomicReference<>(List.of());
    statusWriter.update(watch, s -> {
      interrupted.set(ActionHistory.orphans(s, ours));
      return ActionHistory.interruptOrphans(s, ours, now);
    });
    for (ActionRecord orphan : interrupted.get()) {
      announce(watch, new ActionRecord(orphan.action(), orphan.request(), ActionOutcome.INTERRUPTED,
          ActionHistory.interruptedMessage(orphan), now));
    }
  }

  /** The records as the API server has them now (the informer's copy may be behind). */
  List<ActionRecord> current(QdrantClusterWatch watch) {
    QdrantClusterWatch latest = read(watch);
    return latest == null || latest.getStatus() == null || latest.getStatus().actions() == null ? List.of()
        : latest.getStatus().actions();
  }

  private void write(Finished finished) {
    update(finished.watch(), s -> ActionHistory.finish(s, finished.running(), finished.done()));
    unrecorded.remove(key(finished.watch(), finished.running()));
    finished.recorded().run();
  }

  /**
   * A status change that needs the records written since {@code watch} was read: StatusWriter
   * skips the write when the change leaves its first copy as it is, so it gets the latest copy.
   */
  private void update(QdrantClusterWatch watch, UnaryOperator<QdrantClusterWatchStatus> change) {
    QdrantClusterWatch latest = read(watch);
    if (latest != null) {
      statusWriter.update(latest, change);
    }
  }

  private QdrantClusterWatch read(QdrantClusterWatch watch) {
    return client.resources(QdrantClusterWatch.class).inNamespace(watch.getMetadata().getNamespace())
        .withName(watch.getMetadata().getName()).get();
  }

  void announce(QdrantClusterWatch watch, ActionRecord done) {
    String text = done.action() + " '" + done.request() + "': " + done.outcome()
        + (done.message() == null ? "" : ": " + done.message());
    boolean normal = new ActionOutcome(done.outcome(), done.message()).normal();
    events.emit(watch, normal ? WatchEvents.NORMAL : WatchEvents.WARNING, "Action" + done.outcome(), text);
    listener.finished(watch, done);
    if (normal) {
      LOG.info("watch {}: {}", watchKey(watch), text);
    } else {
      LOG.warn("watch {}: {}", watchKey(watch), text);
    }
  }

  /** A Normal Event on the watch about a step of a running action (its record stays Running). */
  void step(QdrantClusterWatch watch, ActionRecord running, String text) {
    String message = running.action() + " '" + running.request() + "': " + text;
    events.emit(watch, WatchEvents.NORMAL, "ActionStep", message);
    LOG.info("watch {}: {}", watchKey(watch), message);
  }

  static String watchKey(QdrantClusterWatch watch) {
    return watch.getMetadata().getNamespace() + "/" + watch.getMetadata().getName();
  }

  static String key(QdrantClusterWatch watch, ActionRecord record) {
    return watchKey(watch) + "\n" + record.action() + "\n" + record.request() + "\n" + record.time();
  }

  private record Finished(QdrantClusterWatch watch, ActionRecord running, ActionRecord done, Runnable recorded) {}
}
