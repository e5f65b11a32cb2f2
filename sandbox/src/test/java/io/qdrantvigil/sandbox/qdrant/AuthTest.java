package io.qdrantvigil.sandbox.qdrant;

import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.example;
import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.keyPaths;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API-key middleware and read-only access (API.md §0 Authentication). */
class AuthTest {

    private static final String KEY = "secret-rw";
    private static final String READ_ONLY = "secret-ro";
    private static final String RECOVER_BODY = "{\"location\":\"http://snapshots.local/products.snapshot\"}";

    private static SimulatedCluster cluster;

    @BeforeAll
    static void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withApiKey(KEY).withReadOnlyApiKey(READ_ONLY));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cluster", "/collections", "/collections/products", "/collections/products/cluster",
            "/issues", "/metrics", "/telemetry"})
    void aMissingKeyIsAPlainText401(String path) throws IOException {
        SimHttp.Answer answer = SimHttp.get(node(), path);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("text/plain");
        assertThat(answer.body()).isEqualTo(sharedText("unauthorized-missing-key.txt"));
    }

    @Test
    void aWrongKeyIsAPlainText401() throws IOException {
        SimHttp.Answer header = SimHttp.get(node(), "/cluster", Map.of("api-key", "nope"));
        assertThat(header.status()).isEqualTo(401);
        assertThat(header.body()).isEqualTo(sharedText("unauthorized-wrong-key.txt"));
        SimHttp.Answer bearer = SimHttp.get(node(), "/cluster", Map.of("Authorization", "Bearer nope"));
        assertThat(bearer.status()).isEqualTo(401);
        assertThat(bearer.body()).isEqualTo("Invalid API key or JWT");
    }

    @Test
    void theApiKeyHeaderWinsOverTheBearerToken() {
        SimHttp.Answer answer = SimHttp.get(node(), "/cluster", Map.of("api-key", "nope", "Authorization", "Bearer " + KEY));
        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void eitherHeaderCarriesTheKey() {
        assertThat(SimHttp.get(node(), "/cluster", Map.of("api-key", KEY)).status()).isEqualTo(200);
        assertThat(SimHttp.get(node(), "/cluster", Map.of("Authorization", "Bearer " + KEY)).status()).isEqualTo(200);
        assertThat(SimHttp.get(node(), "/cluster", Map.of("api-key", READ_ONLY)).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/healthz", "/livez", "/readyz", "/healthz/"})
    void probesAndRootNeedNoKey(String path) {
        assertThat(SimHttp.get(node(), path).status()).isEqualTo(200);
    }

    @Test
    void theReadOnlyKeyReadsEverythingTheMonitorNeeds() {
        for (String path : List.of("/cluster", "/collections", "/collections/products", "/collections/products/cluster",
                "/issues", "/metrics")) {
            assertThat(SimHttp.get(node(), path, Map.of("api-key", READ_ONLY)).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theReadOnlyKeyIsForbiddenToManage() {
        Map<String, String> readOnly = Map.of("api-key", READ_ONLY);
        List<SimHttp.Answer> answers = List.of(
                SimHttp.send(node(), "DELETE", "/cluster/peer/" + cluster.node(2).peerId() + "?force=true", null,
                        readOnly),
                SimHttp.send(node(), "POST", "/cluster/recover", null, readOnly),
                SimHttp.send(node(), "PUT", "/collections/products/snapshots/recover", RECOVER_BODY, readOnly));
        for (SimHttp.Answer answer : answers) {
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.error()).isEqualTo("Forbidden: Global manage access is required");
            assertThat(keyPaths(answer.json())).isEqualTo(keyPaths(example("forbidden-read-only.json")));
        }
        assertThat(cluster.node(1).raft().peers()).contains(cluster.node(2).peerId()).hasSize(3);
    }

    @Test
    void theReadOnlyKeyGets202WithWaitFalseAndNothingHappens() {
        SimulatedNode target = cluster.node(1);
        cluster.setReplicaState("products", 1, target.peerId(), ReplicaState.Dead);
        SimHttp.Answer answer = SimHttp.send(target, "PUT", "/collections/products/snapshots/recover?wait=false",
                RECOVER_BODY, Map.of("api-key", READ_ONLY));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(target.recoveryRequests()).last().extracting(RecoveryRequest::responseStatus).isEqualTo(202);
        String state = SimHttp.get(target, "/collections/products/cluster", Map.of("api-key", KEY)).result()
                .path("local_shards").findValuesAsText("state").toString();
        assertThat(state).contains("Dead");
        cluster.setReplicaState("products", 1, target.peerId(), ReplicaState.Active);
    }

    private static SimulatedNode node() {
        return cluster.node(0);
    }

    private static String sharedText(String name) throws IOException {
        return Files.readString(QdrantSpec.qdrantDir().resolve("examples/" + name)).strip();
    }
}
