package io.qdrantvigil.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.api.StatusWarning;
import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.discovery.NodeDiscovery;
import io.qdrantvigil.operator.discovery.SelectorMatch;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.ClusterAssessor;
import io.qdrantvigil.operator.kube.StatusWriter;
import io.qdrantvigil.operator.kube.WatchEvents;
import io.qdrantvigil.operator.probe.ClusterProbe;
import io.qdrantvigil.operator.spec.InvalidSpecException;
import io.qdrantvigil.operator.spec.WatchSettings;
import io.qdrantvigil.operator.status.InvalidSpecStatus;
import io.qdrantvigil.operator.status.PollStatusChange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Thin: discover, probe, assess, write the status, reschedule after {@code spec.interval}. */
@ControllerConfiguration(
    name = QdrantClusterWatchReconciler.NAME,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = WatchUpdateFilter.class))
public class QdrantClusterWatchReconciler implements Reconciler<QdrantClusterWatch> {

  public static final String NAME = "qdrantclusterwatch";
  private static final Logger LOG = LoggerFactory.getLogger(QdrantClusterWatchReconciler.class);

  private final ClusterProbe probe;
  private final StatusWriter statusWriter;
  private final WatchEvents events;
  private final ApiKeySource apiKeys;
  private final PollListener listener;
  private final String qdrantNodesEnv;
  private InformerEventSource<Pod, QdrantClusterWatch> pods;

  public QdrantClusterWatchReconciler(ClusterProbe probe, StatusWriter statusWriter, WatchEvents events,
      KubernetesClient client, String qdrantNodesEnv, PollListener listener) {
    this.probe = probe;
    this.statusWriter = statusWriter;
    this.events = events;
    this.apiKeys = new ApiKeySource(client);
    this.qdrantNodesEnv = qdrantNodesEnv;
    this.listener = listener;
  }

  @Override
  public List<EventSource<?, QdrantClusterWatch>> prepareEventSources(EventSourceContext<QdrantClusterWatch> context) {
    pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, QdrantClusterWatch.class)
        .withName("pods")
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(new PodToWatches(context.getPrimaryCache()))
        .build(), context);
    return List.of(pods);
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
      return UpdateControl.noUpdate();
    }

    long started = System.nanoTime();
    List<Pod> matching = pods.list(namespace, pod -> SelectorMatch.matches(settings.selector(),
        pod.getMetadata().getLabels())).toList();
    DiscoveryResult discovery = NodeDiscovery.discover(settings, matching, qdrantNodesEnv);
    ClusterAssessment assessment = ClusterAssessor.assess(discovery,
        probe.probe(discovery.targets(), settings.timeout(), apiKey));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    QdrantClusterWatchStatus before = watch.getStatus();
    QdrantClusterWatchStatus after = statusWriter.update(watch,
        current -> PollStatusChange.apply(current, assessment, generation, now));
    announceVerdictChange(watch, before, after);
    listener.polled(watch, assessment, settings, apiKey, System.nanoTime() - started);
    return UpdateControl.<QdrantClusterWatch>noUpdate().rescheduleAfter(settings.interval());
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

  private void announceVerdictChange(QdrantClusterWatch watch, QdrantClusterWatchStatus before,
      QdrantClusterWatchStatus after) {
    String old = before == null ? null : before.clusterStatus();
    String now = after == null ? null : after.clusterStatus();
    if (now == null || now.equals(old)) {
      return;
    }
    String firstWarning = after.warnings() == null || after.warnings().isEmpty() ? "no warnings"
        : describe(after.warnings().get(0));
    String type = QdrantClusterWatchStatus.HEALTHY.equals(now) ? WatchEvents.NORMAL : WatchEvents.WARNING;
    events.emit(watch, type, "ClusterStatusChanged",
        (old == null ? "first poll" : old) + " -> " + now + " (" + after.healthyNodes() + " healthy): " + firstWarning);
  }

  private static String describe(StatusWarning warning) {
    return (warning.node() == null ? "" : warning.node() + ": ") + warning.type() + ": " + warning.message();
  }
}
