package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.ConnectException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Processes going down and up, scaling, and peer ids as Qdrant makes them. */
class NodeLifecycleTest {

    private static final BigInteger TWO_TO_53 = BigInteger.TWO.pow(53);
    private static final BigInteger TWO_TO_63 = BigInteger.TWO.pow(63);

    private SimulatedCluster cluster;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(5));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aStoppedNodeRefusesConnectionsAndStaysAMember() {
        SimulatedNode node = cluster.node(1);
        cluster.stop(1);
        assertThat(node.isRunning()).isFalse();
        assertThatThrownBy(() -> SimHttp.get(node, "/cluster")).hasRootCauseInstanceOf(ConnectException.class);
        cluster.clock().advance(Duration.ofSeconds(30));
        assertThat(SimHttp.cluster(cluster.node(0)).path("peers").has(node.peerId())).isTrue();
        assertThat(SimHttp.cluster(cluster.node(2)).path("peers").has(node.peerId())).isTrue();
    }

    @Test
    void aRestartKeepsPeerIdAndPort() {
        SimulatedNode node = cluster.node(2);
        String peerId = node.peerId();
        int port = node.port();
        cluster.stop(2);
        cluster.start(2);
        assertThat(node.isRunning()).isTrue();
        assertThat(node.port()).isEqualTo(port);
        assertThat(SimHttp.cluster(node).path("peer_id").asText()).isEqualTo(peerId);
    }

    @Test
    void aNewNodeJoinsAsALearnerAndIsPromoted() {
        long commitBefore = RaftElectionTest.raft(cluster.node(0)).path("commit").asLong();
        SimulatedNode added = cluster.addNode();
        assertThat(added.ordinal()).isEqualTo(3);
        assertThat(cluster.nodes()).hasSize(4);
        assertThat(added.p2pUri()).isEqualTo("http://qdrant-3.qdrant-headless:6335/");
        assertThat(added.peerIdAsBigInteger()).isBetween(BigInteger.ONE, TWO_TO_53);

        JsonNode fresh = SimHttp.cluster(added);
        assertThat(fresh.path("raft_info").path("is_voter").asBoolean()).isFalse();
        assertThat(fresh.path("raft_info").path("leader").isNull()).isTrue();
        assertThat(fresh.path("peers").size()).isEqualTo(4);

        cluster.clock().advance(Duration.ofSeconds(1));
        for (SimulatedNode node : cluster.nodes()) {
            JsonNode view = SimHttp.cluster(node);
            assertThat(view.path("peers").size()).isEqualTo(4);
            assertThat(view.path("peers").path(added.peerId()).path("uri").asText()).isEqualTo(added.p2pUri());
            assertThat(view.path("raft_info").path("commit").asLong()).isEqualTo(commitBefore + 2);
        }
        JsonNode promoted = SimHttp.cluster(added).path("raft_info");
        assertThat(promoted.path("is_voter").asBoolean()).isTrue();
        assertThat(promoted.path("role").asText()).isEqualTo("Follower");
        assertThat(promoted.path("leader").asText()).isEqualTo(cluster.node(0).peerId());
    }

    @Test
    void aScaledAwayNodeStaysAnUnreachableMemberAndReturnsWithItsIdentity() {
        SimulatedNode highest = cluster.node(2);
        String peerId = highest.peerId();
        int port = highest.port();
        cluster.removeHighestNode();
        assertThat(cluster.nodes()).hasSize(2);
        assertThat(highest.isRunning()).isFalse();
        cluster.clock().advance(Duration.ofSeconds(2));
        JsonNode leader = SimHttp.cluster(cluster.node(0));
        assertThat(leader.path("peers").has(peerId)).isTrue();
        assertThat(leader.path("message_send_failures").has(highest.p2pUri())).isTrue();

        SimulatedNode back = cluster.addNode();
        assertThat(back.peerId()).isEqualTo(peerId);
        assertThat(back.port()).isEqualTo(port);
        cluster.clock().advance(Duration.ofSeconds(1));
        assertThat(SimHttp.cluster(cluster.node(0)).path("message_send_failures").size()).isZero();
    }

    @Test
    void generatedPeerIdsLieBetweenOneAndTwoToThe53() {
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            try (SimulatedCluster other = SimulatedCluster.start(ClusterOptions.defaults().withSeed(seed))) {
                other.nodes().forEach(n -> {
                    assertThat(n.peerIdAsBigInteger()).isBetween(BigInteger.ONE, TWO_TO_53);
                    seen.add(n.peerId());
                });
            }
        }
        assertThat(seen).hasSize(60);
    }

    @Test
    void legacyPeerIdsAboveTwoToThe63AreWrittenExactly() {
        cluster.close();
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withLegacyPeerIds());
        for (SimulatedNode node : cluster.nodes()) {
            assertThat(node.peerIdAsBigInteger()).isGreaterThan(TWO_TO_63);
            SimHttp.Answer answer = SimHttp.get(node, "/cluster");
            assertThat(answer.body()).contains("\"peer_id\":" + node.peerId() + ",");
            assertThat(answer.result().path("peer_id").bigIntegerValue()).isEqualTo(node.peerIdAsBigInteger());
        }
    }

    @Test
    void configuredLegacyIdsAppearVerbatimEverywhere() {
        cluster.close();
        BigInteger legacy = new BigInteger("17293822569102704642");
        cluster = SimulatedCluster.start(ClusterOptions.defaults()
                .withPeerIds(legacy, new BigInteger("9223372036854775809"), new BigInteger("9007199254740993")));
        assertThat(cluster.node(0).peerId()).isEqualTo("17293822569102704642");
        SimHttp.Answer follower = SimHttp.get(cluster.node(1), "/cluster");
        assertThat(follower.body()).contains("\"leader\":17293822569102704642,")
                .contains("\"17293822569102704642\":{\"uri\":\"http://qdrant-0.qdrant-headless:6335/\"}");
        SimHttp.Answer shards = SimHttp.get(cluster.node(1), "/collections/products/cluster");
        assertThat(shards.body()).contains("\"peer_id\":17293822569102704642");
        SimHttp.Answer metrics = SimHttp.get(cluster.node(0), "/metrics");
        assertThat(metrics.body()).contains("cluster_commit{peer_id=\"17293822569102704642\"} 47");
        assertThat(cluster.leaderPeerId()).contains("17293822569102704642");
    }

    @Test
    void closingReleasesPortsAndThreads() {
        SimulatedNode node = cluster.node(0);
        cluster.close();
        assertThatThrownBy(() -> SimHttp.get(node, "/healthz")).hasRootCauseInstanceOf(ConnectException.class);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("qdrant-sim")));
    }
}
