package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shards and replicas as each peer sees them, replica states and shard transfers (API.md §4). */
class CollectionsTest {

    private SimulatedCluster cluster;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(17));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void replicasArePlacedRoundRobinAndSeenLocalOrRemote() {
        // products: 3 shards, replication factor 2 → shard s on nodes s and s+1.
        for (SimulatedNode node : cluster.nodes()) {
            JsonNode view = view(node, "products");
            assertThat(view.path("peer_id").asText()).isEqualTo(node.peerId());
            assertThat(view.path("shard_count").asInt()).isEqualTo(3);
            assertThat(view.path("local_shards").size()).isEqualTo(2);
            assertThat(view.path("remote_shards").size()).isEqualTo(4);
            assertThat(view.path("remote_shards").findValuesAsText("peer_id")).doesNotContain(node.peerId());
            assertThat(view.path("local_shards").findValuesAsText("state")).containsOnly("Active");
            assertThat(view.path("local_shards").get(0).has("shard_key")).isFalse();
        }
        List<Integer> shardIds = new ArrayList<>();
        view(cluster.node(0), "products").path("remote_shards").forEach(r -> shardIds.add(r.path("shard_id").asInt()));
        assertThat(shardIds).isSorted();
    }

    @Test
    void replicaStatesChangeThroughConsensusAndShowEverywhere() {
        SimulatedNode dead = cluster.node(2);
        long commit = RaftElectionTest.raft(cluster.node(0)).path("commit").asLong();
        cluster.stop(2);
        assertThat(view(cluster.node(0), "products").toString()).doesNotContain("Dead");
        cluster.setReplicaState("products", 1, dead.peerId(), ReplicaState.Dead);
        cluster.setReplicaState("products", 2, dead.peerId(), ReplicaState.Dead);
        for (SimulatedNode live : new SimulatedNode[] {cluster.node(0), cluster.node(1)}) {
            JsonNode remote = view(live, "products").path("remote_shards");
            long deadReplicas = 0;
            for (JsonNode replica : remote) {
                if (replica.path("peer_id").asText().equals(dead.peerId())) {
                    assertThat(replica.path("state").asText()).isEqualTo("Dead");
                    deadReplicas++;
                }
            }
            assertThat(deadReplicas).isEqualTo(2);
            assertThat(RaftElectionTest.raft(live).path("commit").asLong()).isEqualTo(commit + 2);
        }
        assertThat(SimHttp.get(cluster.node(0), "/collections/products").result().path("status").asText())
                .isEqualTo("green");
    }

    @Test
    void everyReplicaStateIsWrittenAsQdrantNamesIt() {
        for (ReplicaState state : ReplicaState.values()) {
            cluster.setReplicaState("products", 0, cluster.node(1).peerId(), state);
            JsonNode local = view(cluster.node(1), "products").path("local_shards").get(0);
            assertThat(local.path("state").asText()).isEqualTo(state.name());
        }
    }

    @Test
    void aTransferStreamsRecordsAndCompletes() {
        SimulatedNode from = cluster.node(0);
        SimulatedNode to = cluster.node(2);
        cluster.startTransfer("products", 0, from.peerId(), to.peerId(), true, "stream_records");

        JsonNode source = view(from, "products").path("shard_transfers").get(0);
        assertThat(source.path("from").asText()).isEqualTo(from.peerId());
        assertThat(source.path("to").asText()).isEqualTo(to.peerId());
        assertThat(source.path("sync").asBoolean()).isTrue();
        assertThat(source.path("method").asText()).isEqualTo("stream_records");
        assertThat(source.path("comment").asText()).startsWith("transferring (0.00s) | Transferring records (0/4000)");
        JsonNode target = view(to, "products");
        assertThat(target.path("shard_transfers").get(0).has("comment")).isFalse();
        assertThat(target.path("local_shards").get(0).path("shard_id").asInt()).isZero();
        assertThat(target.path("local_shards").get(0).path("state").asText()).isEqualTo("Partial");

        cluster.clock().advance(Duration.ofSeconds(4));
        assertThat(view(from, "products").path("shard_transfers").get(0).path("comment").asText())
                .isEqualTo("transferring (4.00s) | Transferring records (1600/4000), ETA: 6.00s");

        cluster.clock().advance(Duration.ofSeconds(7));
        JsonNode done = view(to, "products");
        assertThat(done.path("shard_transfers").size()).isZero();
        assertThat(done.path("local_shards").get(0).path("state").asText()).isEqualTo("Active");
        assertThat(view(from, "products").path("local_shards").findValuesAsText("shard_id")).contains("0");
    }

    @Test
    void aMoveDropsTheSourceReplicaWhenDone() {
        SimulatedNode from = cluster.node(0);
        SimulatedNode to = cluster.node(2);
        cluster.startTransfer("products", 0, from.peerId(), to.peerId(), false, "snapshot");
        assertThat(view(to, "products").path("local_shards").get(0).path("state").asText()).isEqualTo("Recovery");
        cluster.clock().advance(Duration.ofSeconds(11));
        assertThat(view(from, "products").path("local_shards").findValuesAsText("shard_id")).doesNotContain("0");
        assertThat(view(to, "products").path("local_shards").findValuesAsText("shard_id")).contains("0");
    }

    @Test
    void collectionsCanBeAddedAndMisuseIsRefused() {
        cluster.createCollection(new CollectionSpec("documents", 1, 3, 10));
        assertThat(SimHttp.get(cluster.node(2), "/collections").result().path("collections").findValuesAsText("name"))
                .containsExactly("products", "documents");
        assertThat(view(cluster.node(2), "documents").path("remote_shards").size()).isEqualTo(2);
        assertThatThrownBy(() -> cluster.createCollection(CollectionSpec.of("documents", 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cluster.setReplicaState("products", 9, cluster.node(0).peerId(), ReplicaState.Dead))
                .hasMessageContaining("Shard 9 of products does not exist");
        assertThatThrownBy(() -> cluster.startTransfer("products", 0, cluster.node(2).peerId(),
                cluster.node(1).peerId(), true, "stream_records")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutALeaderNothingCanBeCommitted() {
        cluster.stop(0);
        assertThatThrownBy(() -> cluster.setReplicaState("products", 0, cluster.node(1).peerId(), ReplicaState.Dead))
                .isInstanceOf(IllegalStateException.class);
    }

    private static JsonNode view(SimulatedNode node, String collection) {
        SimHttp.Answer answer = SimHttp.get(node, "/collections/" + collection + "/cluster");
        assertThat(answer.status()).isEqualTo(200);
        return answer.result();
    }
}
