package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replica map reacting to nodes dying and restarting, on the simulated clock (API.md §4.1–4.3, §9). */
class DataPlaneTest {

    private SimulatedCluster cluster;
    private String p0;
    private String p1;
    private String p2;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(47)
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
    void writesMarkReplicasOnADownNodeDeadButNeverTheLastActive() {
        cluster.stop(0);
        cluster.clock().advance(Duration.ofSeconds(5));
        assertThat(cluster.replicaStates("products").get(0)).containsEntry(p0, ReplicaState.Active);

        cluster.setUpdateStream(true);
        cluster.clock().advance(Duration.ofMillis(200));
        assertThat(cluster.replicaStates("products").get(0)).containsEntry(p0, ReplicaState.Dead);
        assertThat(cluster.replicaStates("products").get(2)).containsEntry(p0, ReplicaState.Dead);
        assertThat(cluster.replicaStates("products").get(1)).doesNotContainValue(ReplicaState.Dead);
        // users has replication factor 1 on node 0: its last active replica stays Active.
        assertThat(cluster.replicaStates("users").get(0)).containsEntry(p0, ReplicaState.Active);
    }

    @Test
    void aPartitionedNodesReplicasAreMarkedDeadToo() {
        cluster.setUpdateStream(true);
        cluster.node(2).setFault(Fault.PARTITIONED);
        cluster.clock().advance(Duration.ofMillis(200));
        assertThat(cluster.replicaStates("products").get(1)).containsEntry(p2, ReplicaState.Dead);
        assertThat(cluster.replicaStates("products").get(2)).containsEntry(p2, ReplicaState.Dead);
    }

    @Test
    void aRestartedNodeRecoversItsDeadReplicasAndIsReadyOnlyThen() {
        SimulatedNode node = cluster.node(2);
        cluster.setUpdateStream(true);
        cluster.stop(2);
        cluster.clock().advance(Duration.ofSeconds(1));
        cluster.start(2);
        cluster.clock().advance(Duration.ofMillis(500));

        assertThat(cluster.transfers("products")).singleElement().satisfies(t -> {
            assertThat(t.toPeerId()).isEqualTo(p2);
            assertThat(t.sync()).isTrue();
            assertThat(t.method()).isEqualTo("wal_delta");
        });
        assertThat(cluster.replicaStates("products").get(1)).containsEntry(p2, ReplicaState.Recovery);
        assertThat(SimHttp.get(node, "/readyz").status()).isEqualTo(503);

        // Two shards one after the other (one incoming transfer per node and collection), 10.5 s each.
        cluster.clock().advance(Duration.ofSeconds(11));
        assertThat(cluster.replicaStates("products").get(1)).containsEntry(p2, ReplicaState.Active);
        assertThat(SimHttp.get(node, "/readyz").status()).isEqualTo(503);
        cluster.clock().advance(Duration.ofSeconds(11));
        assertThat(cluster.replicaStates("products").get(2)).containsEntry(p2, ReplicaState.Active);
        assertThat(cluster.transfers("products")).isEmpty();
        assertThat(SimHttp.get(node, "/readyz").status()).isEqualTo(200);
    }

    @Test
    void aTransferToANodeThatDiesIsRetriedThenAbortedWithItsTargetDead() {
        cluster.startTransfer("products", 0, p0, p2, true, "stream_records");
        cluster.clock().advance(Duration.ofSeconds(2));
        cluster.stop(2);
        cluster.clock().advance(Duration.ofSeconds(2));
        assertThat(cluster.transfers("products")).hasSize(1);
        JsonNode view = SimHttp.get(cluster.node(0), "/collections/products/cluster").result();
        assertThat(view.path("shard_transfers").get(0).path("comment").asText())
                .contains("Transferring records (800/4000)");
        cluster.clock().advance(Duration.ofMillis(1200));
        assertThat(cluster.transfers("products")).isEmpty();
        assertThat(cluster.replicaStates("products").get(0)).containsEntry(p2, ReplicaState.Dead);
    }

    @Test
    void aRestartedPeerAbortsTheTransfersItTookPartIn() {
        cluster.startTransfer("products", 0, p0, p2, false, "stream_records");
        cluster.stop(2);
        cluster.start(2);
        cluster.clock().advance(Duration.ofSeconds(1));
        assertThat(cluster.transfers("products")).isEmpty();
        assertThat(cluster.replicaStates("products").get(0)).containsOnlyKeys(p0, p1);
    }

    @Test
    void aStalledTransferFreezesAndLosesItsEta() {
        cluster.startTransfer("products", 0, p0, p2, true, "stream_records");
        cluster.clock().advance(Duration.ofSeconds(1));
        cluster.node(0).setFault(Fault.TRANSFER_STALLED);
        cluster.clock().advance(Duration.ofSeconds(30));
        String comment = SimHttp.get(cluster.node(0), "/collections/products/cluster").result()
                .path("shard_transfers").get(0).path("comment").asText();
        assertThat(comment).isEqualTo("transferring (31.00s) | Transferring records (400/4000)");
        cluster.node(0).heal();
        cluster.clock().advance(Duration.ofSeconds(1));
        assertThat(cluster.transfers("products").get(0).transferred()).isEqualTo(800);
    }

    @Test
    void aNewCollectionIsInitializingUntilEachPeerReportsIt() {
        cluster.stop(2);
        cluster.createCollection(CollectionSpec.of("documents", 3, 1));
        assertThat(cluster.replicaStates("documents").get(0)).containsEntry(p0, ReplicaState.Initializing);
        cluster.clock().advance(Duration.ofMillis(200));
        assertThat(cluster.replicaStates("documents").get(0)).containsEntry(p0, ReplicaState.Active);
        assertThat(cluster.replicaStates("documents").get(1)).containsEntry(p1, ReplicaState.Active);
        assertThat(cluster.replicaStates("documents").get(2)).containsEntry(p2, ReplicaState.Initializing);
        cluster.start(2);
        cluster.clock().advance(Duration.ofMillis(500));
        assertThat(cluster.replicaStates("documents").get(2)).containsEntry(p2, ReplicaState.Active);
    }
}
