package io.qdrantvigil.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.qdrantvigil.operator.actions.ActionIntake;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.data.DataAssessment;
import io.qdrantvigil.operator.data.DataViews;
import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.discovery.NodeDiscovery;
import io.qdrantvigil.operator.discovery.SelectorMatch;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.ClusterAssessor;
import io.qdrantvigil.operator.health.DataVerdict;
import io.qdrantvigil.operator.kube.StatusWriter;
import io.qdrantvigil.operator.kube.WatchEvents;
import io.qdrantvigil.operator.ops.WatchMetrics;
import io.qdrantvigil.operator.probe.ClusterProbe;
import io.qdrantvigil.operator.probe.NodeObservation;
import io.qdrantvigil.operator.spec.InvalidSpecException;
import io.qdrantvigil.operator.spec.WatchSettings;
import io.qdrantvigil.operator.status.DataMemoCodec;
import io.qdrantvigil.operator.status.InvalidSpecStatus;
import io.qdrantvigil.operator.status.PollStatusChange;
import io.qdrantvigil.operator.status.StatusLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one watch: discover, probe the nodes, read the data view, assess, write the status, record metrics, take actions,
 * and poll again after {@code spec.interval}. Whatever fails (an invalid spec, a Secret read, a
 * status write the API server refuses) is logged in one line and the watch is polled again after
 * its interval; JOSDK's own retries, which end in a 10-hour wait, are not used.
 * {@code maxReconciliationInterval} is the backstop should a reschedule ever be lost.
 */
@ControllerConfiguration(
    name = QdrantClusterWatchReconciler.NAME,
    generationAwareEventProcessing = false,
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES),
    informer = @Informer(onUpdateFilter = WatchUpdateFilter.class))
public class QdrantClusterWatchReconciler implements Reconciler<QdrantClusterWatch> {

  public static final String NAME = "qdrantclusterwatch";
  private static final Logger LOG = LoggerFactory.getLogger(QdrantClusterWatchReconciler.class);

  private final KubernetesClient client;
  private final ClusterProbe probe;
  private final StatusWriter statusWriter;
  private final WatchEvents events;
  private final WatchMetrics metrics;
  private final ActionIntake actions;
  private final DataViews dataViews;
  private final String qdrantNodesEnv;
  private InformerEventSource<Pod, QdrantClusterWatch> pods;
  private ApiKeySource apiKeys;

  public QdrantClusterWatchReconciler(KubernetesClient client, ClusterProbe probe, StatusWriter statusWriter,
      WatchEvents events, WatchMetrics metrics, ActionIntake actions, DataViews dataViews, String qdrantNodesEnv) {
    this.client = client;
    this.probe = probe;
    this.statusWriter = statusWriter;
    this.events = events;
    this.metrics = metrics;
    this.actions = actions;
    this.dataViews = dataViews;
    this.qdrantNodesEnv = qdrantNodesEnv;
  }

  @Override
  public List<EventSource<?, QdrantClusterWatch>> prepareEventSources(EventSourceContext<QdrantClusterWatch> context) {
    pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, QdrantClusterWatch.class)
        .withName("pods")
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(new PodToWatches(context.getPrimaryCache()))
        .build(), context);
    InformerEventSource<Secret, QdrantClusterWatch> secrets = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Secret.class, QdrantClusterWatch.class)
            .withName("api-key-secrets")
            .withNamespacesInheritedFromController()
            .withLabelSelector(ApiKeySource.LABEL_SELECTOR)
            .withSecondaryToPrimaryMapper(new SecretToWatches(context.getPrimaryCache()))
            .build(), context);
    apiKeys = new ApiKeySource(client, secrets::get);
    return List.of(pods, secrets);
  }

  @Override
  public UpdateControl<QdrantClusterWatch> reconcile(QdrantClusterWatch watch, Context<QdrantClusterWatch> context) {
    String namespace = watch.getMetadata().getNamespace();
    long generation = Objects.requireNonNullElse(watch.getMetadata().getGeneration(), 0L);
    WatchSettings settings;
    String apiKey;
    try {
      settings = WatchSettings.from(watch.getSpec());
      apiKey = apiKeys.apiKey(namespace, settings.apiKeySecretRef());
    } catch (InvalidSpecException e) {
      reportInvalidSpec(watch, e, generation);
      return UpdateControl.<QdrantClusterWatch>noUpdate().rescheduleAfter(interval(watch));
    }

    long started = System.nanoTime();
    DiscoveryResult discovery = discover(namespace, settings);
    List<NodeObservation> observations = probe.probe(discovery.targets(), settings.timeout(), apiKey);
    ClusterAssessment nodes = ClusterAssessor.assess(discovery, observations);
    DataAssessment data = dataViews.assess(namespace, watch.getMetadata().getName(), nodes, observations,
        settings.timeout(), settings.stuckAfter(), apiKey,
        DataMemoCodec.read(watch.getStatus() == null ? null : watch.getStatus().dataMemo()));
    ClusterAssessment assessment = DataVerdict.apply(nodes, data);
    writeStatus(watch, assessment, generation);
    metrics.polled(watch, assessment, Duration.ofNanos(System.nanoTime() - started), Instant.now());
    actions.process(watch, assessment, settings, apiKey);
    return UpdateControl.<QdrantClusterWatch>noUpdate().rescheduleAfter(settings.interval());
  }

  /** One line per failure, the stack trace only at debug; the next poll comes after the interval as always. */
  @Override
  public ErrorStatusUpdateControl<QdrantClusterWatch> updateErrorStatus(QdrantClusterWatch watch,
      Context<QdrantClusterWatch> context, Exception e) {
    Duration next = interval(watch);
    LOG.warn("poll of watch {}/{} failed, next poll in {} s: {}", watch.getMetadata().getNamespace(),
        watch.getMetadata().getName(), next.toSeconds(), describe(e));
    LOG.debug("poll of watch {}/{} failed", watch.getMetadata().getNamespace(), watch.getMetadata().getName(), e);
    return ErrorStatusUpdateControl.<QdrantClusterWatch>noStatusUpdate().withNoRetry().rescheduleAfter(next);
  }

  private DiscoveryResult discover(String namespace, WatchSettings settings) {
    List<Pod> matching = pods.list(namespace, pod -> SelectorMatch.matches(settings.selector(),
        pod.getMetadata().getLabels())).toList();
    return NodeDiscovery.discover(settings, matching, qdrantNodesEnv);
  }

  private void writeStatus(QdrantClusterWatch watch, ClusterAssessment assessment, long generation) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    QdrantClusterWatchStatus before = watch.getStatus();
    QdrantClusterWatchStatus after = statusWriter.update(watch,
        current -> PollStatusChange.apply(current, assessment, generation, now));
    VerdictEvent.between(before, after).ifPresent(verdict ->
        events.emit(watch, verdict.type(), VerdictEvent.REASON, verdict.message()));
  }

  private void reportInvalidSpec(QdrantClusterWatch watch, InvalidSpecException e, long generation) {
    LOG.warn("watch {}/{} has an invalid spec: {}", watch.getMetadata().getNamespace(), watch.getMetadata().getName(),
        e.getMessage());
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    QdrantClusterWatchStatus before = watch.getStatus();
    QdrantClusterWatchStatus after = statusWriter.update(watch,
        current -> InvalidSpecStatus.apply(current, e.getMessage(), generation, now));
    if (!Objects.equals(before, after)) {
      events.emit(watch, WatchEvents.WARNING, "InvalidSpec", e.getMessage());
    }
  }

  private static Duration interval(QdrantClusterWatch watch) {
    return WatchSettings.intervalOrDefault(watch.getSpec());
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
    if (e.getCause() != null && e.getCause() != e) {
      text.append(" (caused by ").append(e.getCause().getClass().getSimpleName()).append(": ")
          .append(e.getCause().getMessage()).append(')');
    }
    return StatusLimits.cut(text.toString().replaceAll("\\s+", " "));
  }
}
