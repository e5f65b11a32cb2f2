package io.qdrantvigil.operator.actions;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.kube.StatusWriter;
import io.qdrantvigil.operator.kube.WatchEvents;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import io.qdrantvigil.operator.spec.WatchSettings;
import io.qdrantvigil.operator.status.StatusLimits;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the action annotations of a watch after each poll, each at most once: record it Running,
 * remove its annotation (a JSON Patch that tests the value), act, record the outcome and emit an
 * Event. A Running record that this process did not start was cut short by an earlier process: it
 * becomes Interrupted and is never run again.
 */
public final class ActionIntake implements AutoCloseable {

  static final String IMPERATIVE_ONLY = "actions are imperative: use kubectl annotate, not apply/GitOps; "
      + "the annotation is left in place and will not run";
  static final String READ_ONLY = "the watch is read-only (spec.actions.enabled: false); nothing was done";
  static final String TAKEN = "taken";
  private static final Logger LOG = LoggerFactory.getLogger(ActionIntake.class);
  private static final int BACKGROUND_THREADS = 2;

  private final KubernetesClient client;
  private final StatusWriter statusWriter;
  private final WatchEvents events;
  private final ActionEffects effects;
  private final AnnotationTaker taker;
  private final Clock clock;
  /** Records this process wrote as Running and has not yet recorded the outcome of. */
  private final ActionOutcomeListener listener;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  /** Outcomes whose status write failed, written again at the watch's next reconcile. */
  private final Map<String, Finished> unrecorded = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  /** Completes long actions (recover) off the reconcile thread, so polls go on meanwhile. */
  private final ExecutorService background = Executors.newFixedThreadPool(BACKGROUND_THREADS, r -> {
    Thread thread = new Thread(r, "vigil-actions");
    thread.setDaemon(true);
    return thread;
  });

  public ActionIntake(KubernetesClient client, QdrantClient qdrant, StatusWriter statusWriter, WatchEvents events,
      ActionOutcomeListener listener) {
    this(client, qdrant, statusWriter, events, Clock.systemUTC(), listener);
  }

  ActionIntake(KubernetesClient client, QdrantClient qdrant, StatusWriter statusWriter, WatchEvents events,
      Clock clock) {
    this(client, qdrant, statusWriter, events, clock, ActionOutcomeListener.NONE);
  }

  private ActionIntake(KubernetesClient client, QdrantClient qdrant, StatusWriter statusWriter, WatchEvents events,
      Clock clock, ActionOutcomeListener listener) {
    this.listener = listener;
    this.client = client;
    this.statusWriter = statusWriter;
    this.events = events;
    this.effects = new ActionEffects(client, qdrant, clock);
    this.taker = new AnnotationTaker(client);
    this.clock = clock;
  }

  /**
   * Call after each poll of a watch with a valid spec. {@code apiKey} (may be null) goes to Qdrant
   * only. Never throws for a Kubernetes failure: what cannot be recorded now is tried again at the
   * next call.
   */
  public void process(QdrantClusterWatch watch, ClusterAssessment assessment, WatchSettings settings, String apiKey) {
    synchronized (locks.computeIfAbsent(watchKey(watch), k -> new Object())) {
      try {
        writeUnrecorded(watch);
        interruptOrphans(watch);
        if (ActionAnnotations.of(watch.getMetadata()).isEmpty()) {
          return;
        }
        Set<String> handled = new HashSet<>();
        // The informer's copy may still show an annotation already taken; only the API server's copy
        // counts, read again before each request since the previous one changed the watch.
        for (QdrantClusterWatch fresh = read(watch); fresh != null; fresh = read(watch)) {
          Optional<Map.Entry<String, String>> next = ActionAnnotations.of(fresh.getMetadata()).entrySet().stream()
              .filter(a -> !handled.contains(a.getKey())).findFirst();
          if (next.isEmpty()) {
            return;
          }
          handled.add(next.get().getKey());
          handle(fresh, next.get().getKey(), next.get().getValue(), assessment, settings, apiKey);
        }
      } catch (KubernetesClientException e) {
        LOG.warn("actions of watch {}: Kubernetes failed ({}); untaken requests are tried at the next reconcile",
            watchKey(watch), KubernetesErrors.message(e));
      }
    }
  }

  private void handle(QdrantClusterWatch watch, String key, String value, ClusterAssessment assessment,
      WatchSettings settings, String apiKey) {
    String action = ActionAnnotations.action(key);
    String request = StatusLimits.cut(Redaction.redact(value));
    List<String> secrets = new ArrayList<>(Redaction.secretsOf(value));
    secrets.add(apiKey);
    if (ImperativeCheck.cameThroughApply(watch.getMetadata(), key)) {
      refuseApplied(watch, new ActionRecord(action, request, ActionOutcome.REFUSED, IMPERATIVE_ONLY, now()));
      return;
    }
    ActionRecord running = new ActionRecord(action, request, ActionOutcome.RUNNING, TAKEN, now());
    String flightKey = flightKey(watch, running);
    inFlight.add(flightKey);
    try {
      statusWriter.update(watch, s -> ActionHistory.add(s, running));
    } catch (KubernetesClientException e) {
      inFlight.remove(flightKey);
      throw e;
    }
    Optional<ActionOutcome> notTaken = taker.take(watch, key, value);
    if (notTaken.isPresent()) {
      finish(watch, running, notTaken.get(), secrets);
      return;
    }
    Decision decision = decide(watch, action, value, assessment, settings);
    if (decision.outcome() != null) {
      finish(watch, running, decision.outcome(), secrets);
      return;
    }
    CompletableFuture<ActionOutcome> outcome = effects.run(decision.plan(), apiKey);
    if (decision.plan() instanceof ActionPlan.Recover) {
      outcome.thenAcceptAsync(o -> finish(watch, running, o, secrets), background);
      String doing = StatusLimits.cut(Redaction.scrub(decision.plan().describe(), secrets));
      update(watch, s -> ActionHistory.describe(s, running, doing));
    } else {
      finish(watch, running, outcome.join(), secrets);
    }
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

  private Decision decide(QdrantClusterWatch watch, String action, String value, ClusterAssessment assessment,
      WatchSettings settings) {
    if (!settings.actionsEnabled()) {
      return Decision.of(ActionOutcome.refused(READ_ONLY));
    }
    try {
      ActionRequest request = ActionParser.parse(action, value);
      ActionPlan plan = ActionPlanner.plan(request, watch.getMetadata().getNamespace(), assessment, effects);
      if (request.dryRun()) {
        return Decision.of(ActionOutcome.dryRun("would " + plan.describe()));
      }
      return new Decision(null, plan);
    } catch (ActionRefused e) {
      return Decision.of(ActionOutcome.refused(e.getMessage()));
    } catch (KubernetesClientException e) {
      return Decision.of(ActionOutcome.failed(KubernetesErrors.message(e)));
    }
  }

  private void refuseApplied(QdrantClusterWatch watch, ActionRecord refusal) {
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

  private void finish(QdrantClusterWatch watch, ActionRecord running, ActionOutcome outcome, List<String> secrets) {
    String message = StatusLimits.cut(Redaction.scrub(outcome.message(), secrets));
    ActionRecord done = new ActionRecord(running.action(), running.request(), outcome.outcome(), message, now());
    Finished finished = new Finished(watch, running, done);
    try {
      record(finished);
    } catch (KubernetesClientException e) {
      unrecorded.put(flightKey(watch, running), finished);
      LOG.warn("watch {}: could not record the outcome of {} '{}' ({}); trying again at the next reconcile",
          watchKey(watch), running.action(), running.request(), KubernetesErrors.message(e));
    }
    announce(watch, done);
  }

  private void record(Finished finished) {
    update(finished.watch(), s -> ActionHistory.finish(s, finished.running(), finished.done()));
    String flightKey = flightKey(finished.watch(), finished.running());
    unrecorded.remove(flightKey);
    inFlight.remove(flightKey);
  }

  private void writeUnrecorded(QdrantClusterWatch watch) {
    String prefix = watchKey(watch) + "\n";
    for (Map.Entry<String, Finished> entry : unrecorded.entrySet()) {
      if (entry.getKey().startsWith(prefix)) {
        record(entry.getValue());
      }
    }
  }

  private void interruptOrphans(QdrantClusterWatch watch) {
    Predicate<ActionRecord> ours = r -> inFlight.contains(flightKey(watch, r));
    String now = now();
    AtomicReference<List<ActionRecord>> interrupted = new AtomicReference<>(List.of());
    statusWriter.update(watch, s -> {
      interrupted.set(ActionHistory.orphans(s, ours));
      return ActionHistory.interruptOrphans(s, ours, now);
    });
    for (ActionRecord orphan : interrupted.get()) {
      announce(watch, new ActionRecord(orphan.action(), orphan.request(), ActionOutcome.INTERRUPTED,
          ActionHistory.INTERRUPTED_MESSAGE, now));
    }
  }

  private void announce(QdrantClusterWatch watch, ActionRecord done) {
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

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String watchKey(QdrantClusterWatch watch) {
    return watch.getMetadata().getNamespace() + "/" + watch.getMetadata().getName();
  }

  private static String flightKey(QdrantClusterWatch watch, ActionRecord record) {
    return watchKey(watch) + "\n" + record.action() + "\n" + record.request() + "\n" + record.time();
  }

  @Override
  public void close() {
    background.shutdownNow();
  }

  /** Either an outcome reached without acting (refused, dry run) or a plan to run. */
  private record Decision(ActionOutcome outcome, ActionPlan plan) {
    static Decision of(ActionOutcome outcome) {
      return new Decision(outcome, null);
    }
  }

  private record Finished(QdrantClusterWatch watch, ActionRecord running, ActionRecord done) {}
}
