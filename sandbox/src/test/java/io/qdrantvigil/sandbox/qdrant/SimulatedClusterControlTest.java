package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control HTTP API the demo drives, and the main class that serves it. */
class SimulatedClusterControlTest {

    private SimulatedCluster cluster;
    private SimulatedClusterControl control;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(31));
        control = SimulatedClusterControl.start(cluster, 0);
    }

    @AfterEach
    void stop() {
        control.close();
        cluster.close();
    }

    @Test
    void listsTheNodes() {
        JsonNode nodes = call("GET", "/nodes", 200);
        assertThat(nodes.size()).isEqualTo(3);
        JsonNode first = nodes.get(0);
        assertThat(first.path("ordinal").asInt()).isZero();
        assertThat(first.path("url").asText()).isEqualTo(cluster.node(0).url());
        assertThat(first.path("peer_id").isTextual()).isTrue();
        assertThat(first.path("peer_id").asText()).isEqualTo(cluster.node(0).peerId());
        assertThat(first.path("p2p_uri").asText()).isEqualTo("http://qdrant-0.qdrant-headless:6335/");
        assertThat(first.path("running").asBoolean()).isTrue();
        assertThat(first.path("raft").path("role").asText()).isEqualTo("Leader");
        assertThat(call("GET", "/nodes/2", 200).path("ordinal").asInt()).isEqualTo(2);
    }

    @Test
    void setsAndHealsFaults() {
        JsonNode hung = call("POST", "/nodes/1/fault/hung", 200);
        assertThat(hung.path("faults").get(0).asText()).isEqualTo("HUNG");
        assertThat(cluster.node(1).faults()).containsExactly(Fault.HUNG);

        call("POST", "/nodes/2/fault/slow?value=150ms&path=/collections", 200);
        assertThat(cluster.node(2).faults()).containsExactly(Fault.SLOW);

        call("DELETE", "/nodes/2/fault/SLOW", 200);
        assertThat(cluster.node(2).faults()).isEmpty();

        call("POST", "/nodes/0/fault/version?value=1.17.0", 200);
        assertThat(SimHttp.get(cluster.node(0), "/").json().path("version").asText()).isEqualTo("1.17.0");

        JsonNode healed = call("POST", "/heal", 200);
        assertThat(healed.findValues("faults")).allSatisfy(f -> assertThat(f.size()).isZero());
        call("POST", "/nodes/1/fault/stopped", 200);
        assertThat(call("POST", "/nodes/1/heal", 200).path("running").asBoolean()).isTrue();
    }

    @Test
    void stopsStartsAndScales() {
        assertThat(call("POST", "/nodes/2/stop", 200).path("running").asBoolean()).isFalse();
        assertThat(call("POST", "/nodes/2/start", 200).path("running").asBoolean()).isTrue();
        JsonNode added = call("POST", "/nodes", 201);
        assertThat(added.path("ordinal").asInt()).isEqualTo(3);
        assertThat(call("DELETE", "/nodes/last", 200).size()).isEqualTo(3);
        assertThat(cluster.nodes()).hasSize(3);
    }

    @Test
    void reportsRecoveries() {
        SimHttp.send(cluster.node(1), "PUT", "/collections/products/snapshots/recover",
                "{\"location\":\"http://s/x.snapshot\"}", Map.of());
        JsonNode recoveries = call("GET", "/nodes/1/recoveries", 200);
        assertThat(recoveries.size()).isEqualTo(1);
        assertThat(recoveries.get(0).path("location").asText()).isEqualTo("http://s/x.snapshot");
        assertThat(recoveries.get(0).path("response_status").asInt()).isEqualTo(200);
    }

    @Test
    void drivesTheDataPlane() {
        JsonNode created = call("POST", "/collections?name=documents&shards=2&rf=2&points=800", 201);
        assertThat(created.path("shards").path("0").path(cluster.node(0).peerId()).asText()).isEqualTo("Initializing");
        assertThat(call("GET", "/collections", 200).findValuesAsText("name")).containsExactly("products", "documents");

        JsonNode moving = call("POST", "/collections/products/transfers?shard=0&from=0&to=2&move=true", 200);
        assertThat(moving.path("transfers").get(0).path("sync").asBoolean()).isFalse();
        assertThat(moving.path("transfers").get(0).path("method").asText()).isEqualTo("stream_records");
        assertThat(moving.path("shards").path("0").path(cluster.node(2).peerId()).asText()).isEqualTo("Partial");
        assertThat(call("POST", "/collections/products/transfers?shard=0&from=1&to=2", 400).path("error").asText())
                .isEqualTo("Bad request: Shard 0 is already involved in transfer " + cluster.node(0).peerId() + " -> "
                        + cluster.node(2).peerId());

        call("POST", "/collections/products/shards/1/replicas/1?state=Partial", 200);
        assertThat(cluster.replicaStates("products").get(1)).containsEntry(cluster.node(1).peerId(),
                ReplicaState.Partial);

        assertThat(call("POST", "/updates/on", 200).path("enabled").asBoolean()).isTrue();
        assertThat(cluster.updateStream()).isTrue();
        assertThat(call("POST", "/updates/off", 200).path("enabled").asBoolean()).isFalse();

        call("POST", "/nodes/1/fault/transfer_stalled", 200);
        call("POST", "/nodes/1/fault/collection_missing?value=documents", 200);
        assertThat(cluster.node(1).faults()).contains(Fault.TRANSFER_STALLED, Fault.COLLECTION_MISSING);
        assertThat(SimHttp.get(cluster.node(1), "/collections/documents").status()).isEqualTo(404);
        call("DELETE", "/nodes/1/fault/collection_missing", 200);
        assertThat(call("POST", "/nodes/1/fault/collection_missing", 400).path("error").asText())
                .contains("collection");
        assertThat(call("POST", "/collections?name=documents", 400).path("error").asText()).contains("exists");
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThat(call("POST", "/nodes/1/fault/melted", 400).path("error").asText()).isNotEmpty();
        assertThat(call("POST", "/nodes/7/fault/hung", 404).path("error").asText()).contains("7");
        assertThat(call("GET", "/nothing", 400).path("error").asText()).contains("no control route");
        call("DELETE", "/nodes/last", 200);
        call("DELETE", "/nodes/last", 200);
        assertThat(call("DELETE", "/nodes/last", 409).path("error").asText()).contains("last node");
    }

    @Test
    void theMainClassStartsAClusterAndPrintsWhereItIs() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (SimulatedClusterMain.Running running = SimulatedClusterMain.launch(
                new String[] {"--nodes", "2", "--control-port", "0", "--api-key", "k", "--seed", "4"},
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String text = printed.toString(StandardCharsets.UTF_8);
            SimulatedNode node = running.cluster().node(1);
            assertThat(text).contains(node.url(), node.peerId(), running.control().url(), "QDRANT_NODES=127.0.0.1:");
            assertThat(running.cluster().clock().isManual()).isFalse();
            assertThat(SimHttp.get(node, "/cluster", Map.of("api-key", "k")).status()).isEqualTo(200);
            assertThat(SimHttp.get(node, "/cluster").status()).isEqualTo(401);
        }
    }

    private JsonNode call(String method, String path, int expectedStatus) {
        RequestBody body = method.equals("GET") ? null : RequestBody.create(new byte[0], MediaType.get("text/plain"));
        Request request = new Request.Builder().url(control.url() + path).method(method, body).build();
        try (Response response = SimHttp.CLIENT.newCall(request).execute()) {
            assertThat(response.code()).as(method + " " + path).isEqualTo(expectedStatus);
            return SimHttp.JSON.readTree(response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
