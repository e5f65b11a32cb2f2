package io.qdrantvigil.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.qdrantvigil.operator.actions.ActionIntake;
import io.qdrantvigil.operator.kube.StatusWriter;
import io.qdrantvigil.operator.kube.WatchEvents;
import io.qdrantvigil.operator.ops.OpsHttpServer;
import io.qdrantvigil.operator.data.DataViews;
import io.qdrantvigil.operator.ops.WatchDeletions;
import io.qdrantvigil.operator.ops.WatchMetrics;
import io.qdrantvigil.operator.probe.ClusterProbe;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import io.qdrantvigil.operator.reconcile.QdrantClusterWatchReconciler;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process: finds its cluster the standard way (service account, KUBECONFIG,
 * ~/.kube/config), watches QdrantClusterWatch resources, serves health and metrics.
 */
public final class VigilOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VigilOperator.class);
  public static final String LEASE_NAME = "qdrant-vigil-operator";

  private final Operator operator;
  private final QdrantClient qdrant;
  private final ActionIntake actions;
  private final WatchDeletions deletions;
  private final OpsHttpServer http;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean exiting = new AtomicBoolean();

  public VigilOperator(KubernetesClient client, OperatorSettings settings) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.qdrant = new QdrantClient();
    WatchMetrics metrics = new WatchMetrics(registry);
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withMetrics(MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build())
          .withCloseClientOnStop(false);
      if (settings.leaderElection()) {
        o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE_NAME)
            .withLeaseNamespace(settings.leaseNamespace())
            .withIdentity(settings.identity())
            // Not JOSDK's own exit: it calls System.exit on the leader elector's thread, also when
            // close() stops the election. Inside the SIGTERM shutdown hook that blocks forever, and
            // after a Lease really lost the shutdown hook got stuck behind that thread: either way
            // a leader hung until killed. We exit on a lost Lease from a thread of our own, and
            // never because of our own close().
            .withExitOnStopLeading(false)
            .withLeaderCallbacks(new LeaderCallbacks(() -> { }, () -> stoppedLeading(settings), leader -> { }))
            .build());
      }
    });
    StatusWriter statusWriter = new StatusWriter(client);
    WatchEvents events = new WatchEvents(client);
    this.actions = new ActionIntake(client, qdrant, statusWriter, events, metrics);
    DataViews dataViews = new DataViews(qdrant, Clock.systemUTC());
    QdrantClusterWatchReconciler reconciler = new QdrantClusterWatchReconciler(client, new ClusterProbe(qdrant),
        statusWriter, events, metrics, actions, dataViews, settings.qdrantNodes());
    operator.register(reconciler, overrider -> {
      if (!settings.watchNamespaces().isEmpty()) {
        overrider.settingNamespaces(settings.watchNamespaces());
      }
    });
    operator.start();
    this.deletions = new WatchDeletions(client, settings.watchNamespaces(), metrics, dataViews);
    this.http = new OpsHttpServer(settings.httpPort(), registry, () -> true,
        () -> operator.getRuntimeInfo().allEventSourcesAreHealthy());
    LOG.info("Qdrant Vigil operator started; health and metrics on port {}", http.port());
  }

  private void stoppedLeading(OperatorSettings settings) {
    if (closing.get()) {
      LOG.info("stopped leading: shutting down");
    } else if (!settings.exitOnLostLeadership()) {
      LOG.warn("lost the lease {}/{}; configured not to exit", settings.leaseNamespace(), LEASE_NAME);
    } else if (exiting.compareAndSet(false, true)) {
      LOG.error("lost the lease {}/{}; exiting so that the pod restarts as a standby", settings.leaseNamespace(),
          LEASE_NAME);
      // Off the leader elector's thread, which holds its lock while calling back.
      new Thread(() -> System.exit(1), "vigil-lost-lease-exit").start();
    }
  }

  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    closing.set(true);
    http.close();
    deletions.close();
    operator.stop();
    actions.close();
    qdrant.close();
  }

  /**
   * fabric8 retries a refused request 10 times with doubling pauses (about 100 s in all): while the
   * API server is down, one status write would hold the poll that long, and a server back after 60 s
   * would be seen 40 s late. A few quick retries, then the poll fails and the next one tries again.
   */
  public static Config quickToGiveUp(Config config) {
    return new ConfigBuilder(config).withRequestRetryBackoffLimit(3).withRequestRetryBackoffInterval(250).build();
  }

  public static void main(String[] args) throws Exception {
    OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().withConfig(quickToGiveUp(Config.autoConfigure(null)))
        .build();
    VigilOperator vigil = new VigilOperator(client, settings);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vigil.close();
      client.close();
    }, "vigil-shutdown"));
  }
}
