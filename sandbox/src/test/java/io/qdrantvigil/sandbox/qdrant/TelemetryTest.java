package io.qdrantvigil.sandbox.qdrant;

import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.example;
import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.keyPaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /cluster/telemetry}: fan-out, base peer, levels, unresponsive peers, merged comments (API.md §14). */
class TelemetryTest {

    private static final BigInteger QDRANT_0 = new BigInteger("5214719862031498");
    private static final BigInteger QDRANT_1 = new BigInteger("8735617003849162");
    private static final BigInteger QDRANT_2 = new BigInteger("1187436102589467");

    private SimulatedCluster cluster;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(41)
                .withPeerIds(QDRANT_0, QDRANT_1, QDRANT_2)
                .withCollections(new CollectionSpec("products", 3, 2, 4000), new CollectionSpec("users", 1, 1, 2750)));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aHealthyClusterAtLevel3HasTheShapeOfQdrantsExample() {
        SimHttp.Answer answer = SimHttp.get(cluster.node(1), "/cluster/telemetry?details_level=3");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(withoutVectorNames(keyPaths(answer.json())))
                .isEqualTo(withoutVectorNames(keyPaths(example("cluster-telemetry-level3-healthy.json"))));
        JsonNode result = answer.result();
        JsonNode shard0 = result.path("collections").path("products").path("shards").get(0);
        assertThat(shard0.path("replicas").findValuesAsText("peer_id"))
                .containsExactly(QDRANT_0.toString(), QDRANT_1.toString());
        JsonNode replica = shard0.path("replicas").get(0);
        assertThat(replica.path("num_points").asLong()).isEqualTo(4000);
        assertThat(replica.path("vectors_size_bytes").asLong()).isEqualTo(4000L * 384 * 4);
        assertThat(replica.path("num_vectors_by_name").path("").asLong()).isEqualTo(4000);
        assertThat(result.path("cluster").path("number_of_peers").asInt()).isEqualTo(3);
        JsonNode leader = result.path("cluster").path("peers").path(QDRANT_0.toString());
        assertThat(leader.path("uri").asText()).isEqualTo("http://qdrant-0.qdrant-headless:6335/");
        assertThat(leader.path("details").path("role").asText()).isEqualTo("Leader");
        assertThat(leader.path("details").path("version").asText()).isEqualTo("1.19.0");
        assertThat(leader.path("details").path("consensus_thread_status").path("last_update").asText())
                .matches("2026-08-04T12:30:00(\\.\\d{3})?Z");
    }

    @Test
    void theDegradedScenarioOfQdrantsExamplesComesOutInTheirShape() {
        // qdrant-2 goes down, writes mark its products replicas Dead, shard 1 is re-replicated to qdrant-0.
        cluster.setUpdateStream(true);
        cluster.stop(2);
        cluster.clock().advance(Duration.ofSeconds(1));
        SimHttp.Answer started = SimHttp.send(cluster.node(1), "POST", "/collections/products/cluster",
                "{\"replicate_shard\":{\"shard_id\":1,\"from_peer_id\":" + QDRANT_1 + ",\"to_peer_id\":" + QDRANT_0
                        + ",\"method\":\"stream_records\"}}", Map.of());
        assertThat(started.status()).isEqualTo(200);
        cluster.clock().advance(Duration.ofSeconds(5));

        SimHttp.Answer telemetry = SimHttp.get(cluster.node(0), "/cluster/telemetry?details_level=3");
        assertThat(productsAndCluster(keyPaths(telemetry.json())))
                .isEqualTo(productsAndCluster(keyPaths(example("cluster-telemetry-level3-degraded.json"))));
        JsonNode products = telemetry.result().path("collections").path("products");
        assertThat(states(telemetry.result(), "products")).containsExactly("Active", "Active", "Dead", "Partial",
                "Active", "Dead", "Active");
        assertThat(products.path("shard_transfers").get(0).path("comment").asText())
                .isEqualTo("transferring (5.00s) | Transferring records (2000/4000), ETA: 5.00s");
        SimHttp.Answer view = SimHttp.get(cluster.node(1), "/collections/products/cluster");
        assertThat(keyPaths(view.json())).isEqualTo(keyPaths(example("collection-cluster-with-transfer.json")));
    }

    @Test
    void belowLevel3CollectionsCarryOnlyTheirName() {
        for (String query : List.of("", "?details_level=0", "?details_level=2")) {
            JsonNode collections = SimHttp.get(cluster.node(0), "/cluster/telemetry" + query).result()
                    .path("collections");
            assertThat(collections.path("products").toString()).isEqualTo("{\"id\":\"products\"}");
            assertThat(collections.path("users").toString()).isEqualTo("{\"id\":\"users\"}");
        }
        JsonNode level4 = SimHttp.get(cluster.node(0), "/cluster/telemetry?details_level=4").result();
        assertThat(level4.path("collections").path("products").has("shards")).isTrue();
        assertThat(level4.path("collections").path("products").has("shard_transfers")).isFalse();
    }

    @Test
    void aDownPeerIsUnresponsiveAndItsReplicasCarryOnlyTheirState() {
        cluster.stop(0);
        SimHttp.Answer answer = SimHttp.get(cluster.node(1), "/cluster/telemetry?details_level=3");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode down = answer.result().path("cluster").path("peers").path(QDRANT_0.toString());
        assertThat(down.path("responsive").asBoolean()).isFalse();
        assertThat(down.has("details")).isTrue();
        assertThat(down.path("details").isNull()).isTrue();
        JsonNode users = answer.result().path("collections").path("users").path("shards").get(0).path("replicas").get(0);
        assertThat(users.toString()).isEqualTo("{\"peer_id\":" + QDRANT_0 + ",\"state\":\"Active\"}");
        assertThat(answer.json().path("time").asDouble()).isGreaterThanOrEqualTo(0.4);
    }

    @Test
    void onTheRealClockTheAnswerWaitsForTheSlowestPeer() {
        try (SimulatedCluster real = SimulatedCluster.start(ClusterOptions.defaults().withSeed(59)
                .withClock(SimClock.system()))) {
            real.stop(1);
            SimHttp.Answer answer = SimHttp.get(real.node(0), "/cluster/telemetry");
            assertThat(answer.json().path("time").asDouble()).isGreaterThanOrEqualTo(0.4);
            assertThat(answer.result().path("cluster").path("peers").path(real.node(1).peerId())
                    .path("responsive").asBoolean()).isFalse();
        }
    }

    @Test
    void aHungPeerIsUnresponsiveAfterTheTimeoutAndASlowOneWithinItAnswers() {
        cluster.node(1).setFault(Fault.HUNG);
        cluster.node(2).setFault(FaultSpec.slow(Duration.ofMillis(200)));
        SimHttp.Answer answer = SimHttp.get(cluster.node(0), "/cluster/telemetry?timeout=3");
        JsonNode peers = answer.result().path("cluster").path("peers");
        assertThat(peers.path(QDRANT_1.toString()).path("responsive").asBoolean()).isFalse();
        assertThat(peers.path(QDRANT_2.toString()).path("responsive").asBoolean()).isTrue();
        assertThat(answer.json().path("time").asDouble()).isGreaterThanOrEqualTo(3.0);
        cluster.node(1).heal();
    }

    @Test
    void theBaseIsThePeerWithTheHighestTermAndCommit() {
        SimulatedNode lagging = cluster.node(2);
        lagging.setFault(Fault.CONSENSUS_STOPPED);
        lagging.setFault(Fault.DIVERGENT_VIEW);
        cluster.setReplicaState("products", 0, cluster.node(0).peerId(), ReplicaState.Active);
        JsonNode fromLagging = SimHttp.get(lagging, "/cluster/telemetry?details_level=3").result();
        JsonNode details = fromLagging.path("cluster").path("peers").path(QDRANT_2.toString()).path("details");
        assertThat(details.path("commit").asLong()).isEqualTo(47);
        assertThat(fromLagging.path("cluster").path("peers").path(QDRANT_0.toString()).path("details")
                .path("commit").asLong()).isEqualTo(48);
        assertThat(states(fromLagging, "products")).containsOnly("Active");

        cluster.node(0).setFault(Fault.PARTITIONED);
        cluster.node(1).setFault(Fault.PARTITIONED);
        JsonNode alone = SimHttp.get(lagging, "/cluster/telemetry?details_level=3").result();
        assertThat(alone.path("cluster").path("peers").path(QDRANT_0.toString()).path("responsive").asBoolean())
                .isFalse();
        assertThat(states(alone, "products")).contains("Dead");
    }

    @Test
    void transferCommentsAreMergedFromSourceAndDestination() {
        cluster.startTransfer("products", 0, QDRANT_0.toString(), QDRANT_2.toString(), true, "snapshot");
        cluster.startTransfer("products", 1, QDRANT_1.toString(), QDRANT_0.toString(), true, "stream_records");
        cluster.clock().advance(Duration.ofSeconds(2));
        JsonNode products = SimHttp.get(cluster.node(1), "/cluster/telemetry?details_level=3").result()
                .path("collections").path("products");
        JsonNode snapshot = products.path("shard_transfers").get(0);
        assertThat(snapshot.path("comment").asText()).isEqualTo("recovering (2.00s) | downloading (2.00s)");
        JsonNode stream = products.path("shard_transfers").get(1);
        assertThat(stream.path("comment").asText())
                .isEqualTo("transferring (2.00s) | Transferring records (800/4000), ETA: 8.00s");

        JsonNode shard1 = products.path("shards").get(1).path("replicas");
        JsonNode target = replica(shard1, QDRANT_0);
        assertThat(target.path("state").asText()).isEqualTo("Partial");
        assertThat(target.path("num_points").asLong()).isEqualTo(800);
        assertThat(target.path("total_optimized_points").asLong()).isZero();
        JsonNode source = replica(shard1, QDRANT_1);
        assertThat(source.has("status")).isFalse();
        assertThat(source.path("num_points").asLong()).isEqualTo(4000);
        assertThat(replica(products.path("shards").get(0).path("replicas"), QDRANT_2).path("state").asText())
                .isEqualTo("Recovery");

        cluster.stop(0);
        JsonNode withoutSource = SimHttp.get(cluster.node(2), "/cluster/telemetry?details_level=3").result()
                .path("collections").path("products").path("shard_transfers").get(0);
        assertThat(withoutSource.path("comment").asText()).isEqualTo("downloading (2.00s) | downloading (2.00s)");
    }

    @Test
    void aNodeOlderThan117HasNoClusterTelemetryAndDoesNotAnswerPeers() {
        cluster.node(1).setFault(FaultSpec.version("1.16.3"));
        SimHttp.Answer old = SimHttp.get(cluster.node(1), "/cluster/telemetry");
        assertThat(old.status()).isEqualTo(404);
        assertThat(old.body()).isEmpty();
        JsonNode peers = SimHttp.get(cluster.node(0), "/cluster/telemetry").result().path("cluster").path("peers");
        assertThat(peers.path(QDRANT_1.toString()).path("responsive").asBoolean()).isFalse();

        cluster.node(1).setFault(FaultSpec.version("1.17.1"));
        assertThat(SimHttp.get(cluster.node(1), "/cluster/telemetry").result().path("cluster").path("peers")
                .path(QDRANT_1.toString()).path("details").path("version").asText()).isEqualTo("1.17.1");
    }

    @Test
    void failingTelemetryAnswers500WhileTheRestOfTheNodeAnswers() {
        SimulatedNode node = cluster.node(2);
        node.setFault(Fault.TELEMETRY_FAILING);
        SimHttp.Answer failed = SimHttp.get(node, "/cluster/telemetry");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.error()).isEqualTo("Service internal error: Could not get telemetry from cluster");
        assertThat(SimHttp.get(node, "/cluster").status()).isEqualTo(200);
        assertThat(SimHttp.get(node, "/collections/products/cluster").status()).isEqualTo(200);
        assertThat(SimHttp.get(cluster.node(0), "/cluster/telemetry").result().path("cluster").path("peers")
                .path(QDRANT_2.toString()).path("responsive").asBoolean()).isFalse();

        cluster.node(0).setFault(Fault.CLUSTER_DISABLED);
        assertThat(SimHttp.get(cluster.node(0), "/cluster/telemetry").error())
                .isEqualTo("Service internal error: Could not get telemetry from cluster");
    }

    @Test
    void badParametersAreRefusedAsQdrantDoes() {
        SimHttp.Answer zero = SimHttp.get(cluster.node(0), "/cluster/telemetry?timeout=0");
        assertThat(zero.status()).isEqualTo(422);
        assertThat(zero.error()).startsWith("Validation error in query parameters:");
        SimHttp.Answer word = SimHttp.get(cluster.node(0), "/cluster/telemetry?details_level=all");
        assertThat(word.status()).isEqualTo(400);
        assertThat(word.error()).startsWith("Deserialize error in query parameters:");
    }

    private static JsonNode replica(JsonNode replicas, BigInteger peer) {
        for (JsonNode replica : replicas) {
            if (replica.path("peer_id").asText().equals(peer.toString())) {
                return replica;
            }
        }
        throw new AssertionError("no replica on " + peer + " in " + replicas);
    }

    private static List<String> states(JsonNode telemetry, String collection) {
        List<String> states = new ArrayList<>();
        telemetry.path("collections").path(collection).path("shards")
                .forEach(shard -> shard.path("replicas").forEach(r -> states.add(r.path("state").asText())));
        return states;
    }

    private static Set<String> productsAndCluster(Set<String> paths) {
        return withoutVectorNames(paths).stream().filter(p -> !p.contains("collections.users"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> withoutVectorNames(Set<String> paths) {
        return paths.stream().map(p -> p.replaceAll("num_vectors_by_name\\..*", "num_vectors_by_name.*"))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
