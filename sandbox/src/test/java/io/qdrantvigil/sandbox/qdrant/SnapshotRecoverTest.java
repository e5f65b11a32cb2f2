package io.qdrantvigil.sandbox.qdrant;

import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.example;
import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.keyPaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PUT /collections/{name}/snapshots/recover}: answers, effects, and what the node recorded. */
class SnapshotRecoverTest {

    private static final String LOCATION = "https://backups.example/products/shard-1.snapshot";
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    private SimulatedCluster cluster;
    private SimulatedNode node;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(9));
        node = cluster.node(1);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void withWaitTheRecoveryIsDoneAndRecordedAsSent() {
        cluster.setReplicaState("products", 1, node.peerId(), ReplicaState.Dead);
        String body = "{\"location\":\"" + LOCATION + "\",\"priority\":\"replica\",\"checksum\":\"" + SHA_A
                + "\",\"api_key\":\"remote-key\"}";
        SimHttp.Answer answer = recover("products", "", body);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().asBoolean()).isTrue();
        assertThat(keyPaths(answer.json())).isEqualTo(keyPaths(example("snapshot-recover-ok.json")));

        assertThat(node.recoveryRequests()).singleElement().satisfies(request -> {
            assertThat(request.collection()).isEqualTo("products");
            assertThat(request.location()).isEqualTo(LOCATION);
            assertThat(request.priority()).isEqualTo("replica");
            assertThat(request.checksum()).isEqualTo(SHA_A);
            assertThat(request.apiKey()).isEqualTo("remote-key");
            assertThat(request.waitRequested()).isTrue();
            assertThat(request.rawBody()).isEqualTo(body);
            assertThat(request.responseStatus()).isEqualTo(200);
            assertThat(request.receivedAt()).isEqualTo(cluster.clock().now());
        });
        JsonNode local = SimHttp.get(node, "/collections/products/cluster").result().path("local_shards");
        assertThat(local.findValuesAsText("state")).containsOnly("Active");
        assertThat(cluster.node(0).recoveryRequests()).isEmpty();
    }

    @Test
    void withoutWaitTheAnswerIs202() {
        SimHttp.Answer answer = recover("products", "?wait=false", "{\"location\":\"" + LOCATION + "\"}");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(keyPaths(answer.json())).isEqualTo(keyPaths(example("snapshot-recover-accepted.json")));
        assertThat(answer.json().path("status").asText()).isEqualTo("accepted");
        assertThat(node.recoveryRequests()).singleElement().satisfies(request -> {
            assertThat(request.waitRequested()).isFalse();
            assertThat(request.priority()).isNull();
            assertThat(request.responseStatus()).isEqualTo(202);
        });
    }

    @Test
    void aMissingCollectionIsCreatedOnThisNode() {
        SimHttp.Answer answer = recover("restored", "", "{\"location\":\"file:///qdrant/snapshots/restored.snapshot\"}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(SimHttp.get(cluster.node(0), "/collections").result().path("collections").findValuesAsText("name"))
                .contains("restored");
        JsonNode view = SimHttp.get(node, "/collections/restored/cluster").result();
        assertThat(view.path("local_shards").size()).isEqualTo(1);
        assertThat(view.path("remote_shards").size()).isZero();
    }

    @Test
    void aChecksumMismatchIsAWrongInput() {
        cluster.publishSnapshot(LOCATION, SHA_A);
        SimHttp.Answer mismatch = recover("products", "", "{\"location\":\"" + LOCATION + "\",\"checksum\":\"" + SHA_B
                + "\"}");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.error()).isEqualTo(
                "Wrong input: Snapshot checksum mismatch: expected " + SHA_B + ", got " + SHA_A);
        SimHttp.Answer match = recover("products", "", "{\"location\":\"" + LOCATION + "\",\"checksum\":\""
                + SHA_A.toUpperCase() + "\"}");
        assertThat(match.status()).isEqualTo(200);
        assertThat(node.recoveryRequests()).extracting(RecoveryRequest::responseStatus).containsExactly(400, 200);
    }

    @Test
    void malformedRequestsAreRefusedAndStillRecorded() {
        assertThat(recover("products", "", "{\"priority\":\"snapshot\"}").error())
                .isEqualTo("Format error in JSON body: missing field `location`");
        assertThat(recover("products", "", "not json").status()).isEqualTo(400);
        assertThat(recover("products", "", "{\"location\":\"snapshot.tar\"}").error())
                .startsWith("Format error in JSON body: relative URL without a base");
        assertThat(recover("products", "", "{\"location\":\"" + LOCATION + "\",\"priority\":\"newest\"}").error())
                .startsWith("Format error in JSON body: unknown variant `newest`");
        SimHttp.Answer checksum = recover("products", "", "{\"location\":\"" + LOCATION + "\",\"checksum\":\"abc\"}");
        assertThat(checksum.status()).isEqualTo(422);
        assertThat(checksum.json().path("time").asDouble()).isZero();
        assertThat(recover("products", "?wait=maybe", "{\"location\":\"" + LOCATION + "\"}").status()).isEqualTo(400);
        assertThat(node.recoveryRequests()).extracting(RecoveryRequest::responseStatus)
                .containsExactly(400, 400, 400, 400, 422, 400);
    }

    @Test
    void withoutALeaderTheRecoveryCannotCommit() {
        cluster.stop(0);
        cluster.stop(2);
        cluster.clock().advance(Duration.ofSeconds(5));
        SimHttp.Answer answer = recover("products", "", "{\"location\":\"" + LOCATION + "\"}");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.error()).startsWith("Service internal error: Failed to propose operation");
    }

    private SimHttp.Answer recover(String collection, String query, String body) {
        return SimHttp.send(node, "PUT", "/collections/" + collection + "/snapshots/recover" + query, body, Map.of());
    }
}
