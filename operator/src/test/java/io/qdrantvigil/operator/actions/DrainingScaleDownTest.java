package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code scale=qdrant=2;drain} on 3 pods: Qdrant is a mock web server behind the leader qdrant-0,
 * Kubernetes fabric8's mock; the data placement of each poll is given as the data view would.
 */
@EnableKubernetesMockClient(crud = true)
class DrainingScaleDownTest {

  private static final String OK = "{\"result\":true,\"status\":\"ok\",\"time\":0.001}";
  KubernetesClient client;
  private final MockWebServer qdrantNode = new MockWebServer();
  private final QdrantClient qdrant = new QdrantClient();
  private ActionEffects effects;
  private ClusterAssessment cluster;
  private Instant now = Instant.parse("2026-01-01T10:00:00Z");

  @BeforeEach
  void start() throws IOException {
    qdrantNode.start();
    effects = new ActionEffects(client, qdrant, Clock.systemUTC());
    cluster = Clusters.of(Clusters.node(0, false, true, qdrantNode.url("/").toString()), Clusters.healthy(1),
        Clusters.healthy(2));
    client.apps().statefulSets().inNamespace("db").resource(new StatefulSetBuilder().withNewMetadata()
        .withName("qdrant").endMetadata().withNewSpec().withReplicas(3).endSpec().build()).create();
    client.pods().inNamespace("db").resource(new PodBuilder().withNewMetadata().withName("qdrant-2").endMetadata()
        .build()).create();
  }

  @AfterEach
  void stop() throws IOException {
    effects.close();
    qdrant.close();
    qdrantNode.shutdown();
  }

  private DrainingScaleDown drain(Duration stepTimeout) {
    return new DrainingScaleDown(client, effects, null, "db", "qdrant", 3, 2, stepTimeout);
  }

  private List<String> qdrantRequests() throws InterruptedException {
    List<String> seen = new ArrayList<>();
    for (RecordedRequest r = qdrantNode.takeRequest(0, TimeUnit.SECONDS); r != null;
        r = qdrantNode.takeRequest(0, TimeUnit.SECONDS)) {
      seen.add(r.getMethod() + " " + r.getPath() + (r.getBodySize() > 0 ? " " + r.getBody().readUtf8() : ""));
    }
    return seen;
  }

  private RunningAction.Advance poll(DrainingScaleDown drain, DataPlacement placement) {
    now = now.plusSeconds(5);
    return drain.advance(cluster, placement, now);
  }

  @Test
  void movesEachReplicaOffOneTransferAtATimeRemovesThePeerShrinksAndWaitsForThePod() throws Exception {
    DrainingScaleDown drain = drain(Duration.ofMinutes(10));
    String p0 = Clusters.peer(0).toString();
    String p1 = Clusters.peer(1).toString();
    String p2 = Clusters.peer(2).toString();

    qdrantNode.enqueue(new MockResponse().setBody(OK));
    RunningAction.Advance first = poll(drain, Placements.products().replica(0, 0, "Active").replica(0, 2, "Active")
        .replica(1, 1, "Active").replica(1, 2, "Active").build());
    assertThat(first.steps()).containsExactly("moving shard products/0 from qdrant-2 to qdrant-1");
    assertThat(qdrantRequests()).containsExactly("POST /collections/products/cluster?timeout=10 {\"move_shard\":"
        + "{\"shard_id\":0,\"from_peer_id\":" + p2 + ",\"to_peer_id\":" + p1 + "}}");

    RunningAction.Advance moving = poll(drain, Placements.products().replica(0, 0, "Active").replica(0, 1, "Partial")
        .replica(0, 2, "Active").replica(1, 1, "Active").replica(1, 2, "Active").transfer(0, 2, 1, "40%").build());
    assertThat(moving.progress()).isEqualTo("0/1 pods drained, 1 of qdrant-2's replicas sent away; waiting for"
        + " qdrant-2: the transfer of shard products/0 (40%)");
    assertThat(qdrantRequests()).as("one transfer at a time").isEmpty();

    qdrantNode.enqueue(new MockResponse().setBody(OK));
    poll(drain, Placements.products().replica(0, 0, "Active").replica(0, 1, "Active").replica(1, 1, "Active")
        .replica(1, 2, "Active").build());
    assertThat(qdrantRequests()).singleElement().asString().contains("\"to_peer_id\":" + p0);

    qdrantNode.enqueue(new MockResponse().setBody(OK));
    RunningAction.Advance emptied = poll(drain, Placements.products().replica(0, 0, "Active").replica(0, 1, "Active")
        .replica(1, 0, "Active").replica(1, 1, "Active").build());
    assertThat(qdrantRequests()).containsExactly("DELETE /cluster/peer/" + p2 + "?force=false&timeout=10");
    assertThat(emptied.steps()).containsExactly("qdrant-2 holds no replica", "peer " + p2 + " of qdrant-2 removed",
        "StatefulSet qdrant scaled to 2");
    assertThat(client.apps().statefulSets().inNamespace("db").withName("qdrant").get().getSpec().getReplicas())
        .isEqualTo(2);
    assertThat(emptied.outcome()).isEmpty();

    client.pods().inNamespace("db").withName("qdrant-2").delete();
    RunningAction.Advance done = poll(drain, DataPlacement.UNKNOWN);
    assertThat(done.outcome())
        .contains(ActionOutcome.succeeded("scaled StatefulSet qdrant down to 2, draining qdrant-2"));
  }

  @Test
  void aMoveTheNextViewDoesNotListYetIsWaitedForNotSentTwice() throws Exception {
    DrainingScaleDown drain = drain(Duration.ofMinutes(10));
    DataPlacement before = Placements.products().replica(0, 0, "Active").replica(0, 2, "Active").build();
    qdrantNode.enqueue(new MockResponse().setBody(OK));
    poll(drain, before);
    assertThat(qdrantRequests()).hasSize(1);

    RunningAction.Advance waiting = poll(drain, before);
    assertThat(waiting.progress()).isEqualTo("0/1 pods drained, 1 of qdrant-2's replicas sent away; waiting for"
        + " qdrant-2: Qdrant to list what was sent for shard products/0");
    assertThat(qdrantRequests()).as("the move is not sent again").isEmpty();

    qdrantNode.enqueue(new MockResponse().setBody(OK));
    for (int poll = 2; poll <= FollowedTransfer.POLLS_TO_APPEAR; poll++) {
      poll(drain, before);
    }
    assertThat(qdrantRequests()).as("sent again once no view listed it for a few polls").hasSize(1);
  }

  @Test
  void aReplicaEveryRemainingPeerHoldsIsDroppedWhenAReadableOneRemains() throws Exception {
    DrainingScaleDown drain = drain(Duration.ofMinutes(10));
    qdrantNode.enqueue(new MockResponse().setBody(OK));
    poll(drain, Placements.products().replica(0, 0, "Active").replica(0, 1, "Active").replica(0, 2, "Dead").build());
    assertThat(qdrantRequests()).singleElement().asString()
        .endsWith("{\"drop_replica\":{\"shard_id\":0,\"peer_id\":" + Clusters.peer(2) + "}}");
  }

  @Test
  void aQdrantRefusalEndsItFailedWithQdrantsTextAndTheStatefulSetUntouched() throws Exception {
    DrainingScaleDown drain = drain(Duration.ofMinutes(10));
    qdrantNode.enqueue(new MockResponse().setResponseCode(400).setBody(
        "{\"status\":{\"error\":\"Bad request: Shard 0 is not active on peer 17293822569102704642\"},\"time\":0}"));
    RunningAction.Advance refused = poll(drain, Placements.products().replica(0, 0, "Active")
        .replica(0, 2, "Active").build());
    assertThat(refused.outcome()).hasValueSatisfying(o -> {
      assertThat(o.outcome()).isEqualTo("Failed");
      assertThat(o.message()).isEqualTo("stopped at qdrant-2: moving shard products/0 from qdrant-2 to qdrant-1"
          + " failed: Bad request: Shard 0 is not active on peer 17293822569102704642; 0/1 pods drained");
    });
    assertThat(client.apps().statefulSets().inNamespace("db").withName("qdrant").get().getSpec().getReplicas())
        .isEqualTo(3);
  }

  @Test
  void itNeverActsOnAPollWithoutADataViewAndStopsPastTheStepTimeout() throws Exception {
    DrainingScaleDown drain = drain(Duration.ofSeconds(8));
    assertThat(poll(drain, DataPlacement.UNKNOWN).progress())
        .isEqualTo("0/1 pods drained; waiting for qdrant-2: the data view");
    poll(drain, DataPlacement.UNKNOWN);
    RunningAction.Advance late = poll(drain, DataPlacement.UNKNOWN);
    assertThat(qdrantRequests()).isEmpty();
    assertThat(late.outcome()).hasValueSatisfying(o -> assertThat(o.message())
        .isEqualTo("draining qdrant-2 took longer than 8s (moving its replicas off); 0/1 pods drained"));
  }
}
