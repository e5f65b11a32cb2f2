package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /readyz}: caught up and healthy local shards, waited for up to 500 ms, then sticky (API.md §9). */
class ReadinessTest {

    private SimulatedCluster cluster;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(29));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aRestartedNodeIsNotReadyUntilItCatchesUpThenStaysReady() {
        SimulatedNode node = cluster.node(1);
        cluster.stop(1);
        cluster.createCollection(CollectionSpec.of("documents", 1, 1));
        cluster.start(1);

        long started = System.nanoTime();
        SimHttp.Answer notReady = SimHttp.get(node, "/readyz");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("some shards are not ready");
        assertThat(notReady.contentType()).startsWith("text/plain");

        cluster.clock().advance(Duration.ofMillis(300));
        assertThat(SimHttp.get(node, "/readyz").status()).isEqualTo(200);

        cluster.setReplicaState("products", 0, node.peerId(), ReplicaState.Dead);
        node.setFault(Fault.PARTITIONED);
        assertThat(SimHttp.get(node, "/readyz").body()).isEqualTo("all shards are ready");
    }

    @Test
    void aDeadLocalReplicaKeepsAFreshNodeUnready() {
        SimulatedNode node = cluster.node(2);
        cluster.stop(2);
        cluster.setReplicaState("products", 1, node.peerId(), ReplicaState.Dead);
        cluster.start(2);
        cluster.clock().advance(Duration.ofSeconds(1));
        assertThat(SimHttp.get(node, "/readyz").status()).isEqualTo(503);
        cluster.setReplicaState("products", 1, node.peerId(), ReplicaState.Active);
        assertThat(SimHttp.get(node, "/readyz").status()).isEqualTo(200);
    }

    @Test
    void aSingleNodeOrStandaloneNodeIsAlwaysReady() {
        cluster.node(0).setFault(Fault.CLUSTER_DISABLED);
        cluster.node(0).setFault(Fault.CONSENSUS_STOPPED);
        assertThat(SimHttp.get(cluster.node(0), "/readyz").status()).isEqualTo(200);
        try (SimulatedCluster single = SimulatedCluster.start(ClusterOptions.defaults().withNodes(1))) {
            single.stop(0);
            single.start(0);
            assertThat(SimHttp.get(single.node(0), "/readyz").status()).isEqualTo(200);
        }
    }
}
