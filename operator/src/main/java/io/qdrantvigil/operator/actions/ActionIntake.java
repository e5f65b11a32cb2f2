package io.qdrantvigil.operator.actions;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.kube.StatusWriter;
import io.qdrantvigil.operator.kube.WatchEvents;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import io.qdrantvigil.operator.spec.WatchSettings;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The action annotations of a watch, after each poll: each one read, refused when it came through
 * apply, taken at most once ({@link AtMostOnceTaking}), dispatched ({@link ActionDispatch}), its
 * outcome recorded ({@link ActionRecords}) now or, for a long one, when it completes in the
 * background ({@link BackgroundCompletion}).
 */
public final class ActionIntake implements AutoCloseable {

  static final String IMPERATIVE_ONLY = "actions are imperative: use kubectl annotate, not apply/GitOps; "
      + "the annotation is left in place and will not run";
  static final String TAKEN = "taken";
  private static final Logger LOG = LoggerFactory.getLogger(ActionIntake.class);

  private final KubernetesClient client;
  private final ActionRecords records;
  private final AtMostOnceTaking taking;
  private final ActionEffects effects;
  private final ActionDispatch dispatch;
  private final RunningActions goingOn;
  private final BackgroundCompletion background = new BackgroundCompletion();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  public ActionIntake(KubernetesClient client, QdrantClient qdrant, StatusWriter statusWriter, WatchEvents events,
      ActionOutcomeListener listener) {
    this(client, qdrant, statusWriter, events, Clock.systemUTC(), listener);
  }

  ActionIntake(KubernetesClient client, QdrantClient qdrant, StatusWriter statusWriter, WatchEvents events,
      Clock clock) {
    this(client, qdrant, statusWriter, events, clock, ActionOutcomeListener.NONE);
  }

  ActionIntake(KubernetesClient client, QdrantClient qdrant, StatusWriter statusWriter, WatchEvents events,
      Clock clock, ActionOutcomeListener listener) {
    this.client = client;
    this.records = new ActionRecords(client, statusWriter, events, listener, clock);
    this.taking = new AtMostOnceTaking(new AnnotationTaker(client), records);
    this.effects = new ActionEffects(client, qdrant, clock);
    this.dispatch = new ActionDispatch(client, effects);
    this.goingOn = new RunningActions(records, clock);
  }

  /**
   * Call after each poll of a watch with a valid spec, its assessment carrying the poll's data view
   * (the data guard and the data actions read it). {@code apiKey} (may be null) goes to Qdrant
   * only. Never throws for a Kubernetes failure: what cannot be recorded now is tried again at the
   * next call.
   */
  public void process(QdrantClusterWatch watch, ClusterAssessment assessment, WatchSettings settings, String apiKey) {
    synchronized (locks.computeIfAbsent(ActionRecords.watchKey(watch), k -> new Object())) {
      try {
        records.writeUnrecorded(watch);
        taking.interruptOrphans(watch);
        DataPlacement placement = PlacementFromDataView.of(assessment);
        goingOn.advanceAll(watch, assessment, placement);
        if (ActionAnnotations.of(watch.getMetadata()).isEmpty()) {
          taking.observe(watch, new TreeMap<>(), Map.of());
          return;
        }
        Set<String> handled = new HashSet<>();
        // The informer's copy may still show an annotation already taken; only the API server's copy
        // counts, read again before each request since the previous one changed the watch.
        for (QdrantClusterWatch fresh = read(watch); fresh != null; fresh = read(watch)) {
          SortedMap<String, String> annotations = ActionAnnotations.of(fresh.getMetadata());
          taking.observe(fresh, annotations, recordedRequests(annotations, apiKey));
          Optional<Map.Entry<String, String>> next = annotations.entrySet().stream()
              .filter(a -> !handled.contains(a.getKey())).findFirst();
          if (next.isEmpty()) {
            return;
          }
          handled.add(next.get().getKey());
          handle(fresh, next.get().getKey(), next.get().getValue(), assessment, placement, settings, apiKey);
        }
      } catch (KubernetesClientException e) {
        LOG.warn("actions of watch {}: Kubernetes failed ({}); untaken requests are tried at the next reconcile",
            ActionRecords.watchKey(watch), KubernetesErrors.message(e));
      }
    }
  }

  private void handle(QdrantClusterWatch watch, String key, String value, ClusterAssessment assessment,
      DataPlacement placement, WatchSettings settings, String apiKey) {
    ParsedRequest request = ParsedRequest.of(key, value, apiKey);
    if (ImperativeCheck.cameThroughApply(watch.getMetadata(), key)) {
      records.addOnce(watch, new ActionRecord(request.action(), request.recorded(), ActionOutcome.REFUSED,
          IMPERATIVE_ONLY, records.now()));
      return;
    }
    Optional<AtMostOnceTaking.Taken> taken = taking.take(watch, key, value, request.recorded());
    if (taken.isEmpty()) {
      return;
    }
    ActionRecord running = taken.get().running();
    Runnable settled = taking.settled(watch, running);
    if (taken.get().notTaken().isPresent()) {
      records.finish(watch, running, taken.get().notTaken().get(), request.secrets(), settled);
      return;
    }
    ActionDispatch.Dispatched dispatched = dispatch.dispatch(request, watch, assessment, placement, settings, apiKey,
        goingOn.multiStep(watch));
    if (dispatched.goesOn() != null) {
      goingOn.start(watch, running, dispatched.goesOn(), request.secrets(), settled, assessment, placement);
    } else if (dispatched.background()) {
      background.whenDone(dispatched.outcome(), o -> records.finish(watch, running, o, request.secrets(), settled));
      records.describe(watch, running, Redaction.scrub(dispatched.plan().describe(), request.secrets()));
    } else {
      records.finish(watch, running, dispatched.outcome().join(), request.secrets(), settled);
    }
  }

  private static Map<String, String> recordedRequests(SortedMap<String, String> annotations, String apiKey) {
    Map<String, String> recorded = new TreeMap<>();
    annotations.forEach((key, value) -> recorded.put(key, ParsedRequest.of(key, value, apiKey).recorded()));
    return recorded;
  }

  private QdrantClusterWatch read(QdrantClusterWatch watch) {
    return client.resources(QdrantClusterWatch.class).inNamespace(watch.getMetadata().getNamespace())
        .withName(watch.getMetadata().getName()).get();
  }

  @Override
  public void close() {
    background.close();
    effects.close();
  }
}
