package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.kube.StatusWriter;
import io.qdrantvigil.operator.kube.WatchEvents;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import io.qdrantvigil.operator.spec.WatchSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code restart;safe} on fabric8's mock API: the eviction is an expectation (the mock evicts
 * nothing), so the test plays the StatefulSet controller and brings each evicted pod back itself.
 * The intake is called as the reconciler calls it, once after each poll.
 */
@EnableKubernetesMockClient(crud = true)
class RestartSafelyMockApiTest {

  private static final String NS = Clusters.NAMESPACE;
  KubernetesClient client;
  KubernetesMockServer server;
  private final QdrantClient qdrant = new QdrantClient();
  private final MovingClock clock = new MovingClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final List<String> evicted = new ArrayList<>();
  /** What the metrics are told: action and outcome of each finished request. */
  private final List<String> counted = new CopyOnWriteArrayList<>();
  private ActionIntake intake;

  @BeforeEach
  void cluster() {
    for (int i = 0; i < 3; i++) {
      server.expect().post().withPath("/api/v1/namespaces/db/pods/qdrant-" + i + "/eviction")
          .andReturn(201, new StatusBuilder().withStatus("Success").build()).always();
      createPod("qdrant-" + i);
    }
    intake = newIntake();
  }

  @AfterEach
  void close() {
    intake.close();
    qdrant.close();
  }

  private ActionIntake newIntake() {
    return new ActionIntake(client, qdrant, new StatusWriter(client), new WatchEvents(client), clock,
        (watch, record) -> counted.add(record.action() + " " + record.outcome()));
  }

  private void createPod(String name) {
    client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .withUid(name + "-" + clock.instant().toEpochMilli()).endMetadata()
        .withNewSpec().addNewContainer().withName("qdrant").withImage("qdrant/qdrant").endContainer().endSpec()
        .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
        .endStatus().build()).create();
  }

  /** What the StatefulSet controller does with an evicted pod: a new one under the same name. */
  private void bringBack(String pod) {
    client.pods().inNamespace(NS).withName(pod).delete();
    clock.move(Duration.ofSeconds(1));
    createPod(pod);
  }

  private QdrantClusterWatch watch(String stepTimeout) {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName("prod");
    watch.getMetadata().setNamespace(NS);
    watch.getMetadata().setAnnotations(new HashMap<>(Map.of("qdrantvigil.io/restart", "qdrant;safe")));
    watch.setSpec(new QdrantClusterWatchSpec(null, null, null, null, null, null, null, null, null, stepTimeout));
    return client.resources(QdrantClusterWatch.class).inNamespace(NS).resource(watch).create();
  }

  private QdrantClusterWatch current() {
    return client.resources(QdrantClusterWatch.class).inNamespace(NS).withName("prod").get();
  }

  private void annotate(String action, String value) {
    QdrantClusterWatch watch = current();
    Map<String, String> annotations = new HashMap<>(watch.getMetadata().getAnnotations() == null ? Map.of()
        : watch.getMetadata().getAnnotations());
    annotations.put("qdrantvigil.io/" + action, value);
    watch.getMetadata().setAnnotations(annotations);
    client.resources(QdrantClusterWatch.class).inNamespace(NS).resource(watch).update();
  }

  /** One poll: the intake after it, on an assessment of three healthy nodes, qdrant-0 the leader. */
  private void poll() throws Exception {
    poll(intake, Clusters.healthyThree());
  }

  private void poll(ActionIntake on, ClusterAssessment assessment) throws Exception {
    QdrantClusterWatch watch = current();
    on.process(watch, assessment, WatchSettings.from(watch.getSpec()), null);
    for (RecordedRequest r = server.takeRequest(0, TimeUnit.SECONDS); r != null;
        r = server.takeRequest(0, TimeUnit.SECONDS)) {
      if ("POST".equals(r.getMethod()) && r.getPath().endsWith("/eviction")) {
        evicted.add(r.getPath().split("/")[6]);
      }
    }
  }

  private ActionRecord record(String action) {
    return current().getStatus().actions().stream().filter(r -> action.equals(r.action())).findFirst().orElseThrow();
  }

  private List<String> stepEvents() {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> "ActionStep".equals(e.getReason())).map(e -> e.getMessage()).toList();
  }

  /** Polls until the pod being waited for is judged recovered and the next one is evicted. */
  private void recover(String pod) throws Exception {
    bringBack(pod);
    poll();
    assertThat(record("restart").message()).endsWith("waiting for " + pod + ": a poll of the new pod");
    poll();
  }

  @Test
  void everyPodOnceFollowersFromTheHighestOrdinalDownTheLeaderLast() throws Exception {
    watch(null);

    poll();
    assertThat(evicted).containsExactly("qdrant-2");
    assertThat(record("restart")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo("Running");
      assertThat(r.message()).isEqualTo("0/3 pods restarted; waiting for qdrant-2: the pod to come back");
    });
    poll();
    assertThat(evicted).as("nothing more while qdrant-2 has not come back").containsExactly("qdrant-2");

    recover("qdrant-2");
    assertThat(evicted).containsExactly("qdrant-2", "qdrant-1");
    assertThat(record("restart").message())
        .isEqualTo("1/3 pods restarted (qdrant-2); waiting for qdrant-1: the pod to come back");
    recover("qdrant-1");
    recover("qdrant-0");

    assertThat(evicted).containsExactly("qdrant-2", "qdrant-1", "qdrant-0");
    assertThat(record("restart")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo("Succeeded");
      assertThat(r.message()).isEqualTo("3/3 pods restarted (qdrant-2, qdrant-1, qdrant-0), the leader last");
    });
    assertThat(stepEvents()).containsExactlyInAnyOrder(
        "restart 'qdrant;safe': evicted qdrant-2 (1/3)",
        "restart 'qdrant;safe': qdrant-2 restarted and recovered (1/3)",
        "restart 'qdrant;safe': evicted qdrant-1 (2/3)",
        "restart 'qdrant;safe': qdrant-1 restarted and recovered (2/3)",
        "restart 'qdrant;safe': evicted qdrant-0 (3/3)",
        "restart 'qdrant;safe': qdrant-0 restarted and recovered (3/3)");
  }

  @Test
  void whileItRunsOtherChangesAreRefusedPollAndDryRunsAreNotAndCancelStopsItBetweenPods() throws Exception {
    watch(null);
    poll();

    annotate("delete-pod", "qdrant-0");
    annotate("recover", "qdrant-1;collection=c;url=http://h/s;dry-run");
    annotate("poll", "now");
    poll();
    assertThat(record("delete-pod")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo("Refused");
      assertThat(r.message())
          .isEqualTo("restart;safe is running; wait for it to end or annotate qdrantvigil.io/cancel");
    });
    assertThat(record("recover").outcome()).isEqualTo("DryRun");
    assertThat(record("poll").outcome()).isEqualTo("Succeeded");

    annotate("cancel", "please");
    poll();
    assertThat(record("cancel").message()).isEqualTo("restart;safe stops after its current step");
    recover("qdrant-2");

    assertThat(evicted).containsExactly("qdrant-2");
    assertThat(record("restart")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo("Cancelled");
      assertThat(r.message()).isEqualTo("cancelled: 1/3 pods restarted (qdrant-2)");
    });
    assertThat(counted).contains("restart Cancelled", "cancel Succeeded", "delete-pod Refused");
  }

  @Test
  void aCancelWithNothingRunningIsRefused() throws Exception {
    QdrantClusterWatch watch = watch(null);
    watch.getMetadata().getAnnotations().clear();
    annotate("cancel", "now");
    poll();
    assertThat(record("cancel").message()).isEqualTo("no multi-step action is running; nothing to cancel");
  }

  @Test
  void aStepPastTheStepTimeoutEndsItFailedNamingThePodAndWhatItWaitedFor() throws Exception {
    watch("2m");
    poll();
    clock.move(Duration.ofMinutes(3));
    poll();

    assertThat(evicted).containsExactly("qdrant-2");
    assertThat(record("restart")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo("Failed");
      assertThat(r.message()).isEqualTo("qdrant-2 did not recover within 2m (waiting for the pod to come back);"
          + " 0/3 pods restarted");
    });
  }

  @Test
  void aNodeThatComesBackFailingIsWaitedForNotPassed() throws Exception {
    watch(null);
    poll();
    bringBack("qdrant-2");
    ClusterAssessment twoFailing = Clusters.of(Clusters.leader(0), Clusters.healthy(1),
        Clusters.failingButVoting(2, "CollectionsFetchError"));
    poll(intake, twoFailing);
    poll(intake, twoFailing);

    assertThat(evicted).containsExactly("qdrant-2");
    assertThat(record("restart").message())
        .isEqualTo("0/3 pods restarted; waiting for qdrant-2: its node to be healthy (CollectionsFetchError)");
  }

  @Test
  void anOperatorRestartInterruptsItWithTheStepsDoneAndNoPodIsRestartedTwice() throws Exception {
    watch(null);
    poll();
    recover("qdrant-2");
    intake.close();

    intake = newIntake();
    poll();
    bringBack("qdrant-1");
    poll();
    poll();

    assertThat(evicted).containsExactly("qdrant-2", "qdrant-1");
    assertThat(record("restart")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo("Interrupted");
      assertThat(r.message()).isEqualTo("the operator stopped before this request finished; it was not retried;"
          + " when it stopped: 1/3 pods restarted (qdrant-2); waiting for qdrant-1: the pod to come back");
    });
  }

  @Test
  void aDryRunSaysTheOrder() throws Exception {
    watch(null);
    annotate("restart", "qdrant;safe;dry-run");
    poll();
    assertThat(evicted).isEmpty();
    assertThat(record("restart").message()).isEqualTo("would restart the pods of StatefulSet qdrant one at a time,"
        + " Qdrant-aware, in this order: qdrant-2, qdrant-1, qdrant-0");
  }

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant start) {
      now = start;
    }

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
