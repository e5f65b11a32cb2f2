package io.qdrantvigil.sandbox.qdrant;

import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.example;
import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.keyPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults a monitor meets at the HTTP level: down, hung, slow, 500, proxy pages, huge bodies, odd answers. */
class HttpFaultsTest {

    private static final OkHttpClient IMPATIENT = SimHttp.CLIENT.newBuilder()
            .readTimeout(Duration.ofMillis(300))
            .build();

    private SimulatedCluster cluster;
    private SimulatedNode node;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(21));
        node = cluster.node(1);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void stoppedRefusesConnectionsUntilHealed() {
        int port = node.port();
        node.setFault(Fault.STOPPED);
        assertThat(node.faults()).containsExactly(Fault.STOPPED);
        assertThatThrownBy(() -> SimHttp.get(node, "/healthz")).hasRootCauseInstanceOf(ConnectException.class);
        cluster.clock().advance(Duration.ofSeconds(1));
        assertThat(SimHttp.cluster(cluster.node(0)).path("message_send_failures").has(node.p2pUri())).isTrue();

        node.heal();
        assertThat(node.port()).isEqualTo(port);
        assertThat(SimHttp.cluster(node).path("raft_info").path("role").isNull()).isTrue();
        cluster.clock().advance(Duration.ofMillis(300));
        assertThat(SimHttp.cluster(node).path("raft_info").path("role").asText()).isEqualTo("Follower");
    }

    @Test
    void hungAcceptsButNeverAnswersAndHealingAnswersTheWaitingRequests() throws Exception {
        node.setFault(Fault.HUNG);
        assertThatThrownBy(() -> SimHttp.call(IMPATIENT, "GET", node.url(), "/cluster", null, Map.of()))
                .hasCauseInstanceOf(SocketTimeoutException.class);
        CompletableFuture<SimHttp.Answer> waiting = CompletableFuture.supplyAsync(() -> SimHttp.get(node, "/cluster"));
        await().atMost(Duration.ofSeconds(2)).until(() -> node.hungRequests() == 2);
        assertThat(waiting).isNotDone();

        node.clearFault(Fault.HUNG);
        SimHttp.Answer answer = waiting.get(3, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().path("peer_id").asText()).isEqualTo(node.peerId());
        assertThat(node.hungRequests()).isZero();
    }

    @Test
    void hungRequestsHoldNoThreadAndStayBounded() {
        long workersBefore = httpWorkers();
        node.setFault(Fault.HUNG);
        OkHttpClient quick = SimHttp.CLIENT.newBuilder().readTimeout(Duration.ofMillis(50)).build();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(CompletableFuture.runAsync(() -> {
                try {
                    SimHttp.call(quick, "GET", node.url(), "/collections", null, Map.of());
                } catch (RuntimeException expected) {
                    // every call times out
                }
            }));
        }
        calls.forEach(CompletableFuture::join);
        await().atMost(Duration.ofSeconds(2)).until(() -> node.hungRequests() == 40);
        // Forty unanswered requests, and the pool grew by at most its four threads.
        assertThat(httpWorkers() - workersBefore).isLessThanOrEqualTo(4);
        // The other nodes still answer at once.
        assertThat(SimHttp.get(cluster.node(0), "/cluster").status()).isEqualTo(200);
    }

    @Test
    void aFaultCanBeLimitedToAPath() {
        node.setFault(FaultSpec.of(Fault.HUNG).onPath("/collections"));
        assertThat(SimHttp.get(node, "/cluster").status()).isEqualTo(200);
        assertThatThrownBy(() -> SimHttp.call(IMPATIENT, "GET", node.url(), "/collections", null, Map.of()))
                .hasCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void slowAnswersAfterTheDelay() {
        node.setFault(FaultSpec.slow(Duration.ofMillis(400)));
        long started = System.nanoTime();
        SimHttp.Answer answer = SimHttp.get(node, "/cluster");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(answer.status()).isEqualTo(200);
        assertThatThrownBy(() -> SimHttp.call(IMPATIENT, "GET", node.url(), "/cluster", null, Map.of()))
                .hasCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void http500IsQdrantsErrorWrapper() {
        node.setFault(Fault.HTTP_500);
        for (String path : List.of("/cluster", "/collections", "/collections/products/cluster", "/issues")) {
            SimHttp.Answer answer = SimHttp.get(node, path);
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.error()).startsWith("Service internal error: ");
            assertThat(answer.json().has("result")).isFalse();
        }
    }

    @Test
    void nonJsonIsAnHtmlProxyPage() {
        node.setFault(Fault.NON_JSON);
        SimHttp.Answer badGateway = SimHttp.get(node, "/cluster");
        assertThat(badGateway.status()).isEqualTo(502);
        assertThat(badGateway.contentType()).startsWith("text/html");
        assertThat(badGateway.body()).contains("<html>").contains("502 Bad Gateway");

        node.setFault(FaultSpec.nonJson(200));
        SimHttp.Answer ok = SimHttp.get(node, "/cluster");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json()).isNull();
        assertThat(ok.body()).startsWith("<html>");
    }

    @Test
    void hugeBodyIsAValidClusterAnswerOfSeveralMegabytesStreamed() {
        node.setFault(Fault.HUGE_BODY);
        SimHttp.Answer answer = SimHttp.get(node, "/cluster");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().length()).isGreaterThanOrEqualTo((int) FaultSpec.DEFAULT_BODY_BYTES);
        assertThat(answer.result().path("peer_id").asText()).isEqualTo(node.peerId());
        assertThat(answer.result().path("message_send_failures").size()).isEqualTo(1);
        assertThat(SimHttp.get(node, "/collections").body().length()).isLessThan(1000);
    }

    @Test
    void clusterDisabledLooksLikeStandaloneQdrant() {
        node.setFault(Fault.CLUSTER_DISABLED);
        SimHttp.Answer answer = SimHttp.get(node, "/cluster");
        assertThat(keyPaths(answer.json())).isEqualTo(keyPaths(example("cluster-disabled.json")));
        assertThat(answer.result().path("status").asText()).isEqualTo("disabled");
        assertThat(SimHttp.get(node, "/metrics").body()).contains("cluster_enabled 0").doesNotContain("cluster_term");
        assertThat(SimHttp.get(node, "/collections").status()).isEqualTo(200);
    }

    @Test
    void collectionsFailingBreaksTheCollectionReadsOnly() {
        node.setFault(Fault.COLLECTIONS_FAILING);
        assertThat(SimHttp.get(node, "/collections").status()).isEqualTo(500);
        assertThat(SimHttp.get(node, "/collections/products").status()).isEqualTo(500);
        assertThat(SimHttp.get(node, "/collections/products/cluster").status()).isEqualTo(200);
        assertThat(SimHttp.get(node, "/cluster").status()).isEqualTo(200);
    }

    @Test
    void issuesAreReportedLikeQdrantDoes() {
        node.setFault(Fault.ISSUES);
        SimHttp.Answer answer = SimHttp.get(node, "/issues");
        assertThat(keyPaths(answer.json())).isEqualTo(keyPaths(example("issues.json")));
        assertThat(answer.result().path("issues").findValuesAsText("id"))
                .containsExactly("UNINDEXED_FIELD/products/city", "TOO_MANY_COLLECTIONS/");
        assertThat(SimHttp.get(cluster.node(0), "/issues").result().path("issues").size()).isZero();
    }

    @Test
    void versionFaultChangesTheRootVersion() {
        node.setFault(Fault.VERSION);
        assertThat(SimHttp.get(node, "/").json().path("version").asText()).isEqualTo(FaultSpec.DEFAULT_OTHER_VERSION);
        node.setFault(FaultSpec.version("1.20.0-dev"));
        assertThat(SimHttp.get(node, "/").json().path("version").asText()).isEqualTo("1.20.0-dev");
        node.clearFault(Fault.VERSION);
        assertThat(SimHttp.get(node, "/").json().path("version").asText()).isEqualTo("1.19.0");
    }

    @Test
    void healAllClearsEveryNode() {
        cluster.node(0).setFault(Fault.HTTP_500);
        cluster.node(1).setFault(Fault.NON_JSON);
        cluster.node(2).setFault(Fault.STOPPED);
        cluster.healAll();
        for (SimulatedNode each : cluster.nodes()) {
            assertThat(each.faults()).isEmpty();
            assertThat(SimHttp.get(each, "/cluster").status()).isEqualTo(200);
        }
    }

    private static long httpWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("qdrant-sim-http")).count();
    }
}
