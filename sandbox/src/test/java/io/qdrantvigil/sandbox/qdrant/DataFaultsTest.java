package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Data-plane faults: a divergent view, a collection missing on a node, a replica stuck Partial. */
class DataFaultsTest {

    private SimulatedCluster cluster;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(53));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aDivergentNodeReportsOtherReplicaStatesThanTheRest() {
        SimulatedNode divergent = cluster.node(1);
        String healthy = view(cluster.node(2)).path("remote_shards").toString();
        divergent.setFault(Fault.DIVERGENT_VIEW);
        JsonNode skewed = view(divergent);
        assertThat(skewed.path("remote_shards").findValuesAsText("state")).containsOnly("Dead");
        assertThat(skewed.path("local_shards").findValuesAsText("state")).containsOnly("Active");
        assertThat(view(cluster.node(2)).path("remote_shards").toString()).isEqualTo(healthy);
        divergent.heal();
        assertThat(view(divergent).path("remote_shards").findValuesAsText("state")).containsOnly("Active");
    }

    @Test
    void aCollectionMissingOnOneNodeIsThereOnTheOthers() {
        SimulatedNode lacking = cluster.node(2);
        lacking.setFault(FaultSpec.collectionMissing("documents"));
        cluster.createCollection(CollectionSpec.of("documents", 3, 1));
        cluster.clock().advance(Duration.ofSeconds(2));

        assertThat(SimHttp.get(lacking, "/collections/documents").status()).isEqualTo(404);
        assertThat(SimHttp.get(lacking, "/collections/documents/cluster").error())
                .isEqualTo("Not found: Collection `documents` doesn't exist!");
        assertThat(SimHttp.get(lacking, "/collections").result().path("collections").findValuesAsText("name"))
                .containsExactly("products");
        assertThat(SimHttp.get(cluster.node(0), "/collections").result().path("collections")
                .findValuesAsText("name")).containsExactly("products", "documents");
        // Its own replica was never reported created.
        assertThat(cluster.replicaStates("documents").get(2)).containsEntry(lacking.peerId(), ReplicaState.Initializing);
        assertThat(cluster.replicaStates("documents").get(0)).containsEntry(cluster.node(0).peerId(),
                ReplicaState.Active);
        JsonNode fromLacking = SimHttp.get(lacking, "/cluster/telemetry?details_level=3").result().path("collections");
        // Asked itself, with the same (term, commit) as the others, it is the base: its list decides.
        assertThat(fromLacking.has("documents")).isFalse();
        JsonNode replica = SimHttp.get(cluster.node(0), "/cluster/telemetry?details_level=3").result()
                .path("collections").path("documents").path("shards").get(2).path("replicas").get(0);
        assertThat(replica.toString()).isEqualTo("{\"peer_id\":" + lacking.peerId() + ",\"state\":\"Initializing\"}");
    }

    @Test
    void aReplicaStuckPartialWithoutATransferStaysPartial() {
        String peer = cluster.node(2).peerId();
        cluster.setReplicaState("products", 1, peer, ReplicaState.Partial);
        cluster.setUpdateStream(true);
        cluster.clock().advance(Duration.ofSeconds(60));
        assertThat(cluster.replicaStates("products").get(1)).containsEntry(peer, ReplicaState.Partial);
        assertThat(cluster.transfers("products")).isEmpty();
        JsonNode local = view(cluster.node(2)).path("local_shards");
        assertThat(local.get(0).path("state").asText()).isEqualTo("Partial");
        assertThat(view(cluster.node(2)).path("shard_transfers").size()).isZero();
    }

    private static JsonNode view(SimulatedNode node) {
        SimHttp.Answer answer = SimHttp.get(node, "/collections/products/cluster");
        assertThat(answer.status()).isEqualTo(200);
        return answer.result();
    }
}
