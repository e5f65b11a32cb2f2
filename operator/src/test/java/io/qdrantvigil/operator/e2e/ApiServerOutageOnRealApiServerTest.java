package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.reconcile.QdrantClusterWatchReconciler;
import io.qdrantvigil.sandbox.kube.CrdInstaller;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * kube-apiserver stops for 60 s while a watch is Degraded and the node heals meanwhile: once the
 * apiserver is back, the watch reads Healthy within interval + timeout + a few seconds, and the log
 * says each failed poll in one line, without a stack trace per poll. Its own apiserver, so that
 * stopping it disturbs no other test.
 */
class ApiServerOutageOnRealApiServerTest {

  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final String FAILED_POLL = "poll of watch ";

  @Test
  void afterAnOutageTheHealedClusterIsHealthyWithinOneIntervalAndTheLogHasNoStackTracePerPoll() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    try (KubeApiServer server = KubeApiServer.start(Files.createTempDirectory("vigil-outage"));
        KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(VigilOperator.quickToGiveUp(server.fabric8Config())).build()) {
      CrdInstaller.install(client, RealApiServer.committedCrd());
      try (VigilOperator operator = new VigilOperator(client,
              new OperatorSettings(0, Set.of(), null, false, "default", "outage"));
          SandboxCase sandbox = new SandboxCase(client, ClusterOptions.defaults())) {
        sandbox.createWatch("prod", SandboxCase.spec(INTERVAL.toSeconds() + "s", TIMEOUT.toSeconds() + "s"));
        awaitStatus(sandbox, Duration.ofSeconds(60), s -> "Healthy".equals(s.clusterStatus()));
        int follower = sandbox.cluster.leader().orElseThrow().ordinal() == 2 ? 1 : 2;
        sandbox.cluster.node(follower).setFault(Fault.STOPPED);
        awaitStatus(sandbox, Duration.ofSeconds(30), s -> "Degraded".equals(s.clusterStatus()));

        log.start();
        root.addAppender(log);
        server.stopApiServer();
        sandbox.cluster.heal(follower);
        await().pollDelay(Duration.ofSeconds(60)).atMost(Duration.ofSeconds(90))
            .until(() -> failedPolls(log).size() >= 5);
        server.startApiServer();
        awaitStatus(sandbox, INTERVAL.plus(TIMEOUT).plusSeconds(8), s -> "Healthy".equals(s.clusterStatus()));
        root.detachAppender(log);

        List<ILoggingEvent> failures = failedPolls(log);
        assertThat(failures).allSatisfy(e -> {
          assertThat(e.getThrowableProxy()).isNull();
          assertThat(e.getFormattedMessage()).doesNotContain("\n").contains("prod");
        });
        // fabric8 logs each informer's dropped watch once, with its trace; the operator's own lines never carry one.
        assertThat(List.copyOf(log.list)).filteredOn(e -> e.getLoggerName().startsWith("io.qdrantvigil"))
            .as("the operator's own log lines during the outage")
            .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
      }
    } finally {
      root.detachAppender(log);
    }
  }

  private static List<ILoggingEvent> failedPolls(ListAppender<ILoggingEvent> log) {
    return List.copyOf(log.list).stream()
        .filter(e -> e.getLoggerName().equals(QdrantClusterWatchReconciler.class.getName()))
        .filter(e -> e.getFormattedMessage().startsWith(FAILED_POLL))
        .toList();
  }

  private static void awaitStatus(SandboxCase sandbox, Duration within, Predicate<QdrantClusterWatchStatus> done) {
    await().atMost(within).ignoreExceptions().until(() -> {
      QdrantClusterWatchStatus status = sandbox.status("prod");
      return status != null && done.test(status);
    });
  }
}
