package io.qdrantvigil.operator.actions;

import static io.qdrantvigil.operator.actions.Clusters.GONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.qdrantvigil.operator.QdrantExamples;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.kube.StatusWriter;
import io.qdrantvigil.operator.kube.WatchEvents;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import io.qdrantvigil.operator.spec.WatchSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What Qdrant receives for remove-peer and recover, and how its answers become outcomes. */
@EnableKubernetesMockClient(crud = true)
class ActionIntakeQdrantTest {

  private static final String NS = Clusters.NAMESPACE;
  private static final String API_KEY = "qdrant-api-key-7f3a";
  private static final String SNAPSHOT_URL = "https://backup:s3cr3t-pw@snapshots.example.com/products.snapshot";
  KubernetesClient client;
  private final MockWebServer qdrantNode = new MockWebServer();
  private final QdrantClient qdrant = new QdrantClient();
  private final CountDownLatch release = new CountDownLatch(1);
  private ActionIntake intake;

  @BeforeEach
  void start() throws IOException {
    qdrantNode.start();
    intake = new ActionIntake(client, qdrant, new StatusWriter(client), new WatchEvents(client),
        ActionOutcomeListener.NONE);
  }

  @AfterEach
  void stop() throws IOException {
    release.countDown();
    intake.close();
    qdrant.close();
    qdrantNode.shutdown();
  }

  /** qdrant-0 (the leader) answers on the mock web server; qdrant-1 still names the gone peer. */
  private ClusterAssessment cluster(String leaderUrl) {
    return Clusters.of(Clusters.node(0, false, true, leaderUrl), Clusters.knowingGone(1), Clusters.healthy(2));
  }

  private String nodeUrl() {
    return qdrantNode.url("/").toString();
  }

  private void process(String key, String value, ClusterAssessment assessment) throws Exception {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName("prod");
    watch.getMetadata().setNamespace(NS);
    watch.getMetadata().setAnnotations(Map.of(key, value));
    QdrantClusterWatch created = client.resources(QdrantClusterWatch.class).inNamespace(NS).resource(watch).create();
    intake.process(created, assessment, WatchSettings.from(created.getSpec()), API_KEY);
  }

  private List<ActionRecord> actions() {
    return client.resources(QdrantClusterWatch.class).inNamespace(NS).withName("prod").get().getStatus().actions();
  }

  private List<Event> events() {
    return client.v1().events().inNamespace(NS).list().getItems();
  }

  private static MockResponse json(int code, String example) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(QdrantExamples.json(example).toString());
  }

  @Test
  void removePeerIsSentToTheLeaderAndQdrantsRefusalIsTheFailedMessage() throws Exception {
    qdrantNode.enqueue(json(400, "remove-peer-error.json"));

    process("qdrantvigil.io/remove-peer", GONE.toString(), cluster(nodeUrl()));

    RecordedRequest request = qdrantNode.takeRequest(10, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getPath()).isEqualTo("/cluster/peer/1187436102589467?force=false&timeout=10");
    assertThat(request.getHeader("api-key")).isEqualTo(API_KEY);
    assertThat(actions()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("Failed");
      assertThat(a.message()).isEqualTo("Bad request: Cannot remove peer 1187436102589467 as there are shards on it");
    });
    assertThat(events()).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getReason()).isEqualTo("ActionFailed");
      assertThat(e.getMessage()).contains("Cannot remove peer 1187436102589467 as there are shards on it");
    });
  }

  @Test
  void removePeerWithForceSendsForceTrue() throws Exception {
    qdrantNode.enqueue(json(200, "remove-peer-ok.json"));

    process("qdrantvigil.io/remove-peer", GONE + ";force", cluster(nodeUrl()));

    assertThat(qdrantNode.takeRequest(10, TimeUnit.SECONDS).getPath())
        .isEqualTo("/cluster/peer/1187436102589467?force=true&timeout=10");
    assertThat(actions()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("Succeeded");
      assertThat(a.message()).isEqualTo("peer 1187436102589467 removed through qdrant-0");
    });
  }

  @Test
  void aNodeThatCannotBeReachedIsAFailureWithTheReason() throws Exception {
    process("qdrantvigil.io/remove-peer", GONE.toString(), cluster("http://127.0.0.1:" + closedPort()));

    assertThat(actions()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("Failed");
      assertThat(a.message()).startsWith("qdrant-0: ConnectionError: ");
    });
  }

  @Test
  void recoverRunsInTheBackgroundAndTheRecordStaysRunningUntilQdrantAnswers() throws Exception {
    qdrantNode.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        release.await();
        return json(200, "snapshot-recover-ok.json");
      }
    });

    process("qdrantvigil.io/recover", "qdrant-0;collection=products;url=" + SNAPSHOT_URL + ";priority=snapshot",
        cluster(nodeUrl()));

    RecordedRequest request = qdrantNode.takeRequest(10, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getPath()).isEqualTo("/collections/products/snapshots/recover?wait=true");
    assertThat(request.getBody().readUtf8())
        .isEqualTo("{\"location\":\"" + SNAPSHOT_URL + "\",\"priority\":\"snapshot\"}");
    ActionRecord running = actions().get(0);
    assertThat(running.outcome()).isEqualTo("Running");
    assertThat(running.request())
        .isEqualTo("qdrant-0;collection=products;url=https://***@snapshots.example.com/products.snapshot;priority=snapshot");
    assertThat(running.message())
        .isEqualTo("recover collection products on qdrant-0 from https://***@snapshots.example.com/products.snapshot");

    QdrantClusterWatch later = client.resources(QdrantClusterWatch.class).inNamespace(NS).withName("prod").get();
    intake.process(later, cluster(nodeUrl()), WatchSettings.from(later.getSpec()), API_KEY);
    assertThat(actions()).singleElement().satisfies(a -> assertThat(a.outcome()).isEqualTo("Running"));

    release.countDown();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(actions()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("Succeeded");
      assertThat(a.message()).isEqualTo("collection products recovered on qdrant-0");
    }));
    assertThat(client.resources(QdrantClusterWatch.class).inNamespace(NS).withName("prod").get().toString()
        + events()).doesNotContain("s3cr3t-pw").doesNotContain(API_KEY);
  }

  @Test
  void aRecoverRejectedByQdrantIsFailedWithItsText() throws Exception {
    qdrantNode.enqueue(new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
        .setBody("{\"status\":{\"error\":\"Wrong input: Snapshot checksum mismatch: expected aa, got bb\"},\"time\":0.1}"));

    process("qdrantvigil.io/recover", Clusters.peer(0) + ";collection=products;url=" + SNAPSHOT_URL,
        cluster(nodeUrl()));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(actions()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("Failed");
      assertThat(a.message()).isEqualTo("Wrong input: Snapshot checksum mismatch: expected aa, got bb");
    }));
    assertThat(qdrantNode.takeRequest(10, TimeUnit.SECONDS).getBody().readUtf8())
        .isEqualTo("{\"location\":\"" + SNAPSHOT_URL + "\"}");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
