package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.ActionsSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.kube.StatusWriter;
import io.qdrantvigil.operator.kube.WatchEvents;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import io.qdrantvigil.operator.spec.WatchSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The intake on fabric8's mock API in CRUD mode: the Kubernetes effects and the records. (The
 * mock cannot fail a JSON Patch test properly: a value changed before the take is tested on the
 * real API server, ActionsTakeConflictOnRealApiServerTest, and so is a removal RBAC forbids,
 * ActionsTakeForbiddenOnRealApiServerTest. Here a removal is refused by an expectation.)
 */
@EnableKubernetesMockClient(crud = true)
class ActionIntakeMockApiTest {

  static final String NS = Clusters.NAMESPACE;
  static final Instant NOW = Instant.parse("2025-11-25T06:07:08Z");
  KubernetesClient client;
  KubernetesMockServer server;
  private final QdrantClient qdrant = new QdrantClient();
  private ActionIntake intake;

  @BeforeEach
  void cluster() {
    client.apps().statefulSets().inNamespace(NS).resource(new StatefulSetBuilder()
        .withNewMetadata().withName("qdrant").withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(3).withNewTemplate().withNewMetadata().addToLabels("app", "qdrant").endMetadata()
        .withNewSpec().addNewContainer().withName("qdrant").withImage("qdrant/qdrant").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
    for (String pod : List.of("qdrant-0", "qdrant-1", "qdrant-2", "postgres-0")) {
      client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(pod).withNamespace(NS)
          .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec()
          .build()).create();
    }
    intake = new ActionIntake(client, qdrant, new StatusWriter(client), new WatchEvents(client),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    intake.close();
    qdrant.close();
  }

  private QdrantClusterWatch watch(Map<String, String> annotations, Boolean actionsEnabled) {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName("prod");
    watch.getMetadata().setNamespace(NS);
    watch.getMetadata().setAnnotations(annotations);
    watch.setSpec(new QdrantClusterWatchSpec(null, null, null, null, null, null, null,
        actionsEnabled == null ? null : new ActionsSpec(actionsEnabled)));
    return client.resources(QdrantClusterWatch.class).inNamespace(NS).resource(watch).create();
  }

  private QdrantClusterWatch watch(String key, String value) {
    return watch(Map.of(key, value), null);
  }

  private QdrantClusterWatch current() {
    return client.resources(QdrantClusterWatch.class).inNamespace(NS).withName("prod").get();
  }

  private void process(QdrantClusterWatch watch, ClusterAssessment assessment) throws Exception {
    intake.process(watch, assessment, WatchSettings.from(watch.getSpec()), null);
  }

  private List<ActionRecord> actions() {
    return current().getStatus().actions();
  }

  private List<Event> events() {
    return client.v1().events().inNamespace(NS).list().getItems();
  }

  private boolean podExists(String name) {
    return client.pods().inNamespace(NS).withName(name).get() != null;
  }

  private StatefulSet statefulSet() {
    return client.apps().statefulSets().inNamespace(NS).withName("qdrant").get();
  }

  private static final String EVICTION_PATH = "/api/v1/namespaces/db/pods/qdrant-1/eviction";

  /** The eviction requests the API server received, their bodies. */
  private List<String> evictionsPosted() throws InterruptedException {
    List<String> bodies = new java.util.ArrayList<>();
    for (RecordedRequest r = server.takeRequest(0, TimeUnit.SECONDS); r != null;
        r = server.takeRequest(0, TimeUnit.SECONDS)) {
      if ("POST".equals(r.getMethod()) && EVICTION_PATH.equals(r.getPath())) {
        bodies.add(r.getUtf8Body());
      }
    }
    return bodies;
  }

  @Test
  void deletePodEvictsThePodAndRecordsSuccessWithANormalEvent() throws Exception {
    server.expect().post().withPath(EVICTION_PATH).andReturn(201, new StatusBuilder().withStatus("Success").build())
        .once();

    process(watch("qdrantvigil.io/delete-pod", "qdrant-1"), Clusters.healthyThree());

    assertThat(evictionsPosted()).singleElement().satisfies(body -> assertThat(body)
        .contains("\"kind\":\"Eviction\"").contains("\"name\":\"qdrant-1\"").contains("\"namespace\":\"db\""));
    assertThat(podExists("qdrant-0")).isTrue();
    assertThat(current().getMetadata().getAnnotations()).doesNotContainKey("qdrantvigil.io/delete-pod");
    assertThat(actions()).containsExactly(new ActionRecord("delete-pod", "qdrant-1", "Succeeded",
        "pod qdrant-1 evicted", "2025-11-25T06:07:08Z"));
    assertThat(events()).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo("Normal");
      assertThat(e.getReason()).isEqualTo("ActionSucceeded");
      assertThat(e.getMessage()).isEqualTo("delete-pod 'qdrant-1': Succeeded: pod qdrant-1 evicted");
      assertThat(e.getInvolvedObject().getName()).isEqualTo("prod");
    });
  }

  @Test
  void anEvictionTheDisruptionBudgetRefusesIsRefusedWithTheBudgetsMessage() throws Exception {
    String budget = "Cannot evict pod as it would violate the pod's disruption budget.";
    String cause = "The disruption budget qdrant needs 3 healthy pods and has 3 currently";
    server.expect().post().withPath(EVICTION_PATH).andReturn(429, new StatusBuilder().withStatus("Failure")
        .withCode(429).withReason("TooManyRequests").withMessage(budget).withNewDetails().addNewCause()
        .withReason("DisruptionBudget").withMessage(cause).endCause().endDetails().build()).once();

    process(watch("qdrantvigil.io/delete-pod", "qdrant-1"), Clusters.healthyThree());

    assertThat(podExists("qdrant-1")).isTrue();
    assertThat(actions()).containsExactly(new ActionRecord("delete-pod", "qdrant-1", "Refused", budget + " " + cause,
        "2025-11-25T06:07:08Z"));
    assertThat(events()).singleElement().satisfies(e -> assertThat(e.getReason()).isEqualTo("ActionRefused"));
  }

  @Test
  void anEvictionIsPolicyV1beta1WhereTheApiServerServesNoPolicyV1() throws Exception {
    server.expect().get().withPath("/apis/policy").andReturn(200, "{\"kind\":\"APIGroup\",\"name\":\"policy\","
        + "\"versions\":[{\"groupVersion\":\"policy/v1beta1\",\"version\":\"v1beta1\"}]}").once();
    server.expect().post().withPath(EVICTION_PATH).andReturn(201, new StatusBuilder().withStatus("Success").build())
        .once();

    process(watch("qdrantvigil.io/delete-pod", "qdrant-1"), Clusters.healthyThree());

    assertThat(evictionsPosted()).singleElement()
        .satisfies(body -> assertThat(body).contains("\"apiVersion\":\"policy/v1beta1\""));
  }

  @Test
  void restartSetsThePodTemplateAnnotationLikeKubectlRolloutRestart() throws Exception {
    process(watch("qdrantvigil.io/restart", "qdrant"), Clusters.healthyThree());

    assertThat(statefulSet().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("kubectl.kubernetes.io/restartedAt", "2025-11-25T06:07:08Z");
    assertThat(statefulSet().getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "qdrant");
    assertThat(actions()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("Succeeded");
      assertThat(a.message()).contains("restarting");
    });
  }

  @Test
  void scaleSetsTheReplicas() throws Exception {
    process(watch("qdrantvigil.io/scale", "qdrant=5"), Clusters.healthyThree());

    assertThat(statefulSet().getSpec().getReplicas()).isEqualTo(5);
    assertThat(actions()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("Succeeded");
      assertThat(a.message()).isEqualTo("StatefulSet qdrant scaled from 3 to 5 replicas");
    });
  }

  @Test
  void aTargetOutsideTheWatchIsRefusedAndNothingIsTouched() throws Exception {
    process(watch("qdrantvigil.io/delete-pod", "postgres-0"), Clusters.healthyThree());

    assertThat(podExists("postgres-0")).isTrue();
    assertThat(actions()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("Refused");
      assertThat(a.message()).startsWith("pod 'postgres-0' is not a pod of this watch");
    });
    assertThat(events()).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getReason()).isEqualTo("ActionRefused");
    });
  }

  @Test
  void aScaleDownWhileDegradedIsRefusedAndTheReplicasStay() throws Exception {
    process(watch("qdrantvigil.io/scale", "qdrant=2"),
        Clusters.of(Clusters.leader(0), Clusters.healthy(1), Clusters.failing(2)));

    assertThat(statefulSet().getSpec().getReplicas()).isEqualTo(3);
    assertThat(actions()).singleElement().satisfies(a -> assertThat(a.outcome()).isEqualTo("Refused"));
  }

  @Test
  void forceDeletesAHealthyPodDespiteTheQuorumGuard() throws Exception {
    process(watch("qdrantvigil.io/delete-pod", "qdrant-1;force"),
        Clusters.of(Clusters.leader(0), Clusters.healthy(1), Clusters.failing(2)));

    assertThat(podExists("qdrant-1")).isFalse();
    assertThat(actions()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("Succeeded");
      assertThat(a.message()).isEqualTo("pod qdrant-1 deleted with grace period 0");
    });
  }

  @Test
  void aKubernetesErrorIsAFailureWithKubernetesText() throws Exception {
    client.apps().statefulSets().inNamespace(NS).withName("qdrant").delete();

    process(watch("qdrantvigil.io/restart", "qdrant"), Clusters.healthyThree());

    assertThat(actions()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("Failed");
      assertThat(a.message()).containsIgnoringCase("not found");
    });
    assertThat(events()).singleElement().satisfies(e -> assertThat(e.getReason()).isEqualTo("ActionFailed"));
  }

  @Test
  void aReadOnlyWatchRefusesEveryAction() throws Exception {
    process(watch(Map.of("qdrantvigil.io/delete-pod", "qdrant-1"), false), Clusters.healthyThree());

    assertThat(podExists("qdrant-1")).isTrue();
    assertThat(actions()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("Refused");
      assertThat(a.message()).isEqualTo("the watch is read-only (spec.actions.enabled: false); nothing was done");
    });
  }

  @Test
  void dryRunChangesNothingAndSaysWhatItWouldDo() throws Exception {
    process(watch(Map.of("qdrantvigil.io/delete-pod", "qdrant-1;dry-run", "qdrantvigil.io/scale", "qdrant=5;dry-run"),
        null), Clusters.healthyThree());

    assertThat(podExists("qdrant-1")).isTrue();
    assertThat(statefulSet().getSpec().getReplicas()).isEqualTo(3);
    assertThat(actions()).extracting(ActionRecord::action, ActionRecord::outcome, ActionRecord::message)
        .containsExactly(
            tuple("scale", "DryRun", "would scale StatefulSet qdrant from 3 to 5 replicas"),
            tuple("delete-pod", "DryRun", "would evict pod qdrant-1"));
    assertThat(events()).hasSize(2).allSatisfy(e -> assertThat(e.getReason()).isEqualTo("ActionDryRun"));
  }

  @Test
  void aMalformedValueAndAnUnknownActionAreRefusedNamingTheMistake() throws Exception {
    process(watch(Map.of("qdrantvigil.io/scale", "abc", "qdrantvigil.io/reboot", "qdrant-0"), null),
        Clusters.healthyThree());

    assertThat(actions()).extracting(ActionRecord::action, ActionRecord::outcome, ActionRecord::message)
        .containsExactly(
            tuple("scale", "Refused",
                "malformed value: scale needs STATEFULSET=REPLICAS, got 'abc'"),
            tuple("reboot", "Refused",
                "unknown action 'reboot' (known: "
            + "remove-peer, delete-pod, restart, scale, recover, move-shard, replicate-shard, abort-transfer, "
            + "drop-replica, cancel, poll)"));
  }

  @Test
  void aRunningRecordOfAPreviousProcessBecomesInterruptedAndIsNotRunAgain() throws Exception {
    QdrantClusterWatch watch = watch(Map.of(), null);
    ActionRecord taken = new ActionRecord("delete-pod", "qdrant-1", "Running", "taken", "2025-11-25T06:00:00Z");
    new StatusWriter(client).update(watch, s -> ActionHistory.add(s, taken));

    process(current(), Clusters.healthyThree());
    process(current(), Clusters.healthyThree());

    assertThat(podExists("qdrant-1")).isTrue();
    assertThat(actions()).containsExactly(new ActionRecord("delete-pod", "qdrant-1", "Interrupted",
        "the operator stopped before this request finished; it was not retried", "2025-11-25T06:07:08Z"));
    assertThat(events()).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getReason()).isEqualTo("ActionInterrupted");
    });
  }

  @Test
  void anAppliedAnnotationIsRefusedOnceAndLeftInPlace() throws Exception {
    String lastApplied = "{\"apiVersion\":\"qdrantvigil.io/v1alpha1\",\"kind\":\"QdrantClusterWatch\",\"metadata\":"
        + "{\"annotations\":{\"qdrantvigil.io/delete-pod\":\"qdrant-1\"},\"name\":\"prod\",\"namespace\":\"db\"}}";
    watch(Map.of("qdrantvigil.io/delete-pod", "qdrant-1",
        "kubectl.kubernetes.io/last-applied-configuration", lastApplied), null);

    process(current(), Clusters.healthyThree());
    process(current(), Clusters.healthyThree());

    assertThat(podExists("qdrant-1")).isTrue();
    assertThat(current().getMetadata().getAnnotations()).containsEntry("qdrantvigil.io/delete-pod", "qdrant-1");
    assertThat(actions()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("Refused");
      assertThat(a.message()).isEqualTo("actions are imperative: use kubectl annotate, not apply/GitOps; "
          + "the annotation is left in place and will not run");
    });
    assertThat(events()).hasSize(1);
  }

  @Test
  void aStaleCopyShowingAnAnnotationAlreadyTakenRunsNothing() throws Exception {
    server.expect().post().withPath(EVICTION_PATH).andReturn(201, new StatusBuilder().withStatus("Success").build())
        .always();
    QdrantClusterWatch stale = watch("qdrantvigil.io/delete-pod", "qdrant-1");
    process(stale, Clusters.healthyThree());

    process(stale, Clusters.healthyThree());

    assertThat(evictionsPosted()).hasSize(1);
    assertThat(actions()).singleElement().satisfies(a -> assertThat(a.outcome()).isEqualTo("Succeeded"));
  }

  @Test
  void theSameAnnotationWrittenAgainIsANewRequest() throws Exception {
    process(watch("qdrantvigil.io/poll", "now"), Clusters.healthyThree());
    client.resources(QdrantClusterWatch.class).inNamespace(NS).withName("prod")
        .edit(w -> {
          w.getMetadata().getAnnotations().put("qdrantvigil.io/poll", "now");
          return w;
        });

    process(current(), Clusters.healthyThree());

    assertThat(actions()).hasSize(2).allSatisfy(a -> {
      assertThat(a.action()).isEqualTo("poll");
      assertThat(a.outcome()).isEqualTo("Succeeded");
      assertThat(a.message()).isEqualTo("polled");
    });
  }

  @Test
  void aRemovalKubernetesRefusesIsRefusedOnceNotRunAndNotTriedAgainUntilTheAnnotationChanges() throws Exception {
    String forbidden = "qdrantclusterwatches.qdrantvigil.io \"prod\" is forbidden: User \"vigil\" cannot patch"
        + " resource \"qdrantclusterwatches\" in API group \"qdrantvigil.io\" in the namespace \"db\"";
    server.expect().patch().withPath("/apis/qdrantvigil.io/v1alpha1/namespaces/db/qdrantclusterwatches/prod")
        .andReturn(403, new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
            .withMessage(forbidden).build())
        .always();
    watch("qdrantvigil.io/delete-pod", "qdrant-1");

    for (int poll = 0; poll < 3; poll++) {
      process(current(), Clusters.healthyThree());
    }
    try (ActionIntake restarted = new ActionIntake(client, qdrant, new StatusWriter(client), new WatchEvents(client),
        Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC))) {
      restarted.process(current(), Clusters.healthyThree(), WatchSettings.from(current().getSpec()), null);
    }

    assertThat(podExists("qdrant-1")).isTrue();
    assertThat(current().getMetadata().getAnnotations()).containsEntry("qdrantvigil.io/delete-pod", "qdrant-1");
    String refusal = "could not take the request (remove its annotation), so it was not run and this value is not"
        + " tried again until the annotation changes: " + forbidden;
    assertThat(actions()).containsExactly(
        new ActionRecord("delete-pod", "qdrant-1", "Refused", refusal, "2025-11-25T06:07:08Z"));
    assertThat(events()).singleElement().satisfies(e -> {
      assertThat(e.getReason()).isEqualTo("ActionRefused");
      assertThat(e.getMessage()).startsWith("delete-pod 'qdrant-1': Refused: " + refusal.substring(0, 120));
    });

    QdrantClusterWatch changed = current();
    changed.getMetadata().getAnnotations().put("qdrantvigil.io/delete-pod", "qdrant-2");
    client.resources(QdrantClusterWatch.class).inNamespace(NS).resource(changed).update();
    process(current(), Clusters.healthyThree());
    process(current(), Clusters.healthyThree());

    assertThat(podExists("qdrant-2")).isTrue();
    assertThat(actions()).extracting(ActionRecord::request, ActionRecord::outcome)
        .containsExactly(tuple("qdrant-2", "Refused"), tuple("qdrant-1", "Refused"));
  }
}
