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

/** {@code POST /collections/{n}/cluster}: the four operations, their refusals and their effects (API.md §7). */
class ClusterUpdateTest {

    private SimulatedCluster cluster;
    private String p0;
    private String p1;
    private String p2;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(43).withApiKey("rw")
                .withReadOnlyApiKey("ro")
                .withCollections(CollectionSpec.of("products", 3, 2), CollectionSpec.of("users", 1, 1)));
        p0 = cluster.node(0).peerId();
        p1 = cluster.node(1).peerId();
        p2 = cluster.node(2).peerId();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void replicateShardStartsATransferThatAddsAReplica() {
        // products shard 0 is on nodes 0 and 1.
        SimHttp.Answer ok = post(1, "products", transfer("replicate_shard", 0, p0, p2, "stream_records"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(keyPaths(ok.json())).isEqualTo(keyPaths(example("cluster-update-ok.json")));
        assertThat(ok.result().asBoolean()).isTrue();
        assertThat(cluster.replicaStates("products").get(0)).containsEntry(p2, ReplicaState.Partial);
        assertThat(cluster.transfers("products")).singleElement()
                .satisfies(t -> assertThat(t.sync()).isTrue())
                .satisfies(t -> assertThat(t.method()).isEqualTo("stream_records"));
        cluster.clock().advance(Duration.ofSeconds(11));
        assertThat(cluster.transfers("products")).isEmpty();
        assertThat(cluster.replicaStates("products").get(0))
                .containsExactlyInAnyOrderEntriesOf(Map.of(p0, ReplicaState.Active, p1, ReplicaState.Active,
                        p2, ReplicaState.Active));
    }

    @Test
    void moveShardWithoutMethodUsesSnapshotAndDropsTheSource() {
        assertThat(post(0, "products", "{\"move_shard\":{\"shard_id\":0,\"from_peer_id\":" + p0
                + ",\"to_peer_id\":" + p2 + "}}").status()).isEqualTo(200);
        assertThat(cluster.transfers("products").get(0).method()).isEqualTo("snapshot");
        assertThat(cluster.transfers("products").get(0).sync()).isFalse();
        assertThat(cluster.replicaStates("products").get(0)).containsEntry(p2, ReplicaState.Recovery);
        cluster.clock().advance(Duration.ofSeconds(10).plusMillis(100));
        assertThat(cluster.replicaStates("products").get(0)).containsEntry(p2, ReplicaState.Partial);
        assertThat(view(0).path("shard_transfers").get(0).path("comment").asText())
                .startsWith("syncing queued updates (");
        cluster.clock().advance(Duration.ofSeconds(1));
        assertThat(cluster.replicaStates("products").get(0))
                .containsExactlyInAnyOrderEntriesOf(Map.of(p1, ReplicaState.Active, p2, ReplicaState.Active));
    }

    @Test
    void aSecondTransferOfTheSameShardIsRefusedAfterItsCommit() {
        assertThat(post(0, "products", transfer("replicate_shard", 1, p1, p0, "stream_records")).status())
                .isEqualTo(200);
        long commit = commit(0);
        SimHttp.Answer refused = post(0, "products", transfer("move_shard", 1, p2, p0, "stream_records"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("Bad request: Shard 1 is already involved in transfer " + p1 + " -> " + p0);
        assertThat(keyPaths(refused.json())).isEqualTo(keyPaths(example("cluster-update-transfer-exists-error.json")));
        assertThat(commit(0)).isEqualTo(commit + 1);
        // Another shard between other peers runs in parallel: user transfers have no limit.
        assertThat(post(0, "products", transfer("replicate_shard", 2, p2, p1, "wal_delta")).status()).isEqualTo(200);
        assertThat(cluster.transfers("products")).hasSize(2);
    }

    @Test
    void aTransferFromAPeerWithoutAnActiveReplicaIsRefused() {
        SimHttp.Answer refused = post(0, "products", transfer("replicate_shard", 0, p2, p1, null));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("Bad request: Shard 0 is not active on peer " + p2);
        cluster.setReplicaState("products", 0, p1, ReplicaState.Dead);
        assertThat(post(0, "products", transfer("replicate_shard", 0, p1, p2, null)).error())
                .isEqualTo("Bad request: Shard 0 is not active on peer " + p1);
    }

    @Test
    void preChecksRefuseMissingShardsPeersAndTransfers() {
        assertThat(post(0, "products", transfer("move_shard", 7, p0, p2, null)).error())
                .isEqualTo("Bad request: Shard 7 of products does not exist");
        assertThat(post(0, "products", transfer("move_shard", 0, "42", "43", null)).error())
                .isEqualTo("Bad request: Peer 43 does not exist");
        assertThat(post(0, "products", "{\"drop_replica\":{\"shard_id\":0,\"peer_id\":42}}").error())
                .isEqualTo("Bad request: Peer 42 does not exist");
        long commit = commit(0);
        SimHttp.Answer abort = post(0, "products", "{\"abort_transfer\":{\"shard_id\":2,\"from_peer_id\":" + p0
                + ",\"to_peer_id\":" + p1 + "}}");
        assertThat(abort.status()).isEqualTo(404);
        assertThat(abort.error()).isEqualTo("Not found: Shard transfer " + p0 + " -> " + p1
                + " for collection products:2 does not exist");
        assertThat(keyPaths(abort.json())).isEqualTo(keyPaths(example("cluster-update-abort-not-found-error.json")));
        assertThat(commit(0)).isEqualTo(commit);
        assertThat(post(0, "nothing", transfer("move_shard", 0, p0, p2, null)).error())
                .isEqualTo("Not found: Collection `nothing` doesn't exist!");
    }

    @Test
    void abortTransferLeavesAReplicateTargetDeadAndRemovesAMoveTarget() {
        post(0, "products", transfer("replicate_shard", 0, p0, p2, "stream_records"));
        post(0, "products", transfer("move_shard", 1, p1, p0, "stream_records"));
        cluster.clock().advance(Duration.ofSeconds(1));
        assertThat(post(2, "products", abort(0, p0, p2)).status()).isEqualTo(200);
        assertThat(post(2, "products", abort(1, p1, p0)).status()).isEqualTo(200);
        assertThat(cluster.transfers("products")).isEmpty();
        assertThat(cluster.replicaStates("products").get(0)).containsEntry(p2, ReplicaState.Dead);
        assertThat(cluster.replicaStates("products").get(1)).doesNotContainKey(p0).containsKeys(p1, p2);
    }

    @Test
    void dropReplicaRemovesOneButNeverTheLastActive() {
        SimHttp.Answer last = post(0, "users", "{\"drop_replica\":{\"shard_id\":0,\"peer_id\":" + p0 + "}}");
        assertThat(last.status()).isEqualTo(400);
        assertThat(last.error()).isEqualTo("Bad request: Shard 0 must have at least one active replica after removing "
                + p0);
        assertThat(keyPaths(last.json())).isEqualTo(keyPaths(example("cluster-update-last-replica-error.json")));
        assertThat(post(0, "users", "{\"drop_replica\":{\"shard_id\":0,\"peer_id\":" + p1 + "}}").error())
                .isEqualTo("Bad request: Peer " + p1 + " has no replica of shard 0");

        cluster.setReplicaState("products", 0, p1, ReplicaState.Dead);
        assertThat(post(0, "products", "{\"drop_replica\":{\"shard_id\":0,\"peer_id\":" + p0 + "}}").error())
                .startsWith("Bad request: Shard 0 must have at least one active replica");
        assertThat(post(0, "products", "{\"drop_replica\":{\"shard_id\":0,\"peer_id\":" + p1 + "}}").status())
                .isEqualTo(200);
        assertThat(cluster.replicaStates("products").get(0)).containsOnlyKeys(p0);
    }

    @Test
    void bodiesAccessAndModeAreCheckedFirst() {
        SimHttp.Answer garbage = post(0, "products", "{\"move_shard\":{\"shard_id\":0}}");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.error()).startsWith("Format error in JSON body: ").contains("did not match any variant");
        SimHttp.Answer self = post(0, "products", transfer("move_shard", 0, p0, p0, null));
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.error()).contains("cannot transfer shard to itself");
        SimHttp.Answer timeout = SimHttp.send(cluster.node(0), "POST", "/collections/products/cluster?timeout=0",
                abort(0, p0, p1), Map.of("api-key", "rw"));
        assertThat(timeout.status()).isEqualTo(422);
        SimHttp.Answer readOnly = SimHttp.send(cluster.node(0), "POST", "/collections/products/cluster",
                abort(0, p0, p1), Map.of("api-key", "ro"));
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(readOnly.error()).isEqualTo("Forbidden: Global manage access is required");
        cluster.node(1).setFault(Fault.CLUSTER_DISABLED);
        assertThat(post(1, "products", abort(0, p0, p1)).status()).isEqualTo(405);
    }

    @Test
    void withoutALeaderTheProposalFails() {
        cluster.stop(0);
        cluster.clock().advance(Duration.ofMillis(300));
        cluster.stop(1);
        cluster.clock().advance(Duration.ofSeconds(5));
        SimHttp.Answer failed = SimHttp.send(cluster.node(2), "POST", "/collections/products/cluster?timeout=3",
                transfer("replicate_shard", 1, p2, p0, null), Map.of("api-key", "rw"));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.error()).isEqualTo(
                "Service internal error: Failed to propose operation: leader is not established within 3s");
    }

    private SimHttp.Answer post(int node, String collection, String body) {
        return SimHttp.send(cluster.node(node), "POST", "/collections/" + collection + "/cluster", body,
                Map.of("api-key", "rw"));
    }

    private JsonNode view(int node) {
        return SimHttp.get(cluster.node(node), "/collections/products/cluster", Map.of("api-key", "rw")).result();
    }

    private long commit(int node) {
        return SimHttp.get(cluster.node(node), "/cluster", Map.of("api-key", "rw")).result().path("raft_info")
                .path("commit").asLong();
    }

    private static String transfer(String op, int shard, String from, String to, String method) {
        return "{\"" + op + "\":{\"shard_id\":" + shard + ",\"from_peer_id\":" + from + ",\"to_peer_id\":" + to
                + (method == null ? "" : ",\"method\":\"" + method + "\"") + "}}";
    }

    private static String abort(int shard, String from, String to) {
        return "{\"abort_transfer\":{\"shard_id\":" + shard + ",\"from_peer_id\":" + from + ",\"to_peer_id\":" + to
                + "}}";
    }
}
