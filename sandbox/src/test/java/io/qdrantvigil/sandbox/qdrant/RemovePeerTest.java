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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code DELETE /cluster/peer/{id}} and {@code POST /cluster/recover} (API.md §5, §6). */
class RemovePeerTest {

    private SimulatedCluster cluster;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(3));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aPeerHoldingShardsIsNotRemovedWithoutForce() {
        SimulatedNode target = cluster.node(2);
        SimHttp.Answer refused = delete(cluster.node(0), "/cluster/peer/" + target.peerId());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("Bad request: Cannot remove peer " + target.peerId()
                + " as there are shards on it");
        assertThat(keyPaths(refused.json())).isEqualTo(keyPaths(example("remove-peer-error.json")));
        assertThat(SimHttp.cluster(cluster.node(1)).path("peers").has(target.peerId())).isTrue();
    }

    @Test
    void forcedRemovalTakesThePeerOutEverywhereAndStopsItsConsensus() {
        SimulatedNode target = cluster.node(2);
        long commit = RaftElectionTest.raft(cluster.node(0)).path("commit").asLong();
        SimHttp.Answer removed = delete(cluster.node(0), "/cluster/peer/" + target.peerId() + "?force=true");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.result().asBoolean()).isTrue();
        assertThat(keyPaths(removed.json())).isEqualTo(keyPaths(example("remove-peer-ok.json")));

        for (SimulatedNode live : new SimulatedNode[] {cluster.node(0), cluster.node(1)}) {
            JsonNode view = SimHttp.cluster(live);
            assertThat(view.path("peers").has(target.peerId())).isFalse();
            assertThat(view.path("peers").size()).isEqualTo(2);
            assertThat(view.path("raft_info").path("commit").asLong()).isEqualTo(commit + 1);
        }
        SimHttp.Answer removedView = SimHttp.get(target, "/cluster");
        assertThat(keyPaths(removedView.json())).isEqualTo(keyPaths(example("cluster-removed-peer-stopped.json")));
        JsonNode self = removedView.result();
        assertThat(self.path("consensus_thread_status").path("consensus_thread_status").asText()).isEqualTo("stopped");
        assertThat(self.path("peers").fieldNames()).toIterable().containsExactly(target.peerId());
        assertThat(self.path("raft_info").path("pending_operations").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(self.path("raft_info").path("is_voter").asBoolean()).isFalse();

        JsonNode shards = SimHttp.get(cluster.node(0), "/collections/products/cluster").result();
        assertThat(shards.path("remote_shards").findValuesAsText("peer_id")).doesNotContain(target.peerId());

        cluster.clock().advance(Duration.ofSeconds(10));
        assertThat(SimHttp.cluster(cluster.node(1)).path("peers").size()).isEqualTo(2);
        assertThat(cluster.leaderPeerId()).contains(cluster.node(0).peerId());
    }

    @Test
    void aPeerWithoutShardsIsRemovedThroughAFollower() {
        cluster.close();
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withCollections());
        SimulatedNode target = cluster.node(2);
        cluster.stop(2);
        SimHttp.Answer removed = delete(cluster.node(1), "/cluster/peer/" + target.peerId());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(SimHttp.cluster(cluster.node(0)).path("peers").has(target.peerId())).isFalse();
        assertThat(SimHttp.cluster(cluster.node(1)).path("peers").has(target.peerId())).isFalse();
    }

    @Test
    void removingAnUnknownIdStillAnswersTrue() {
        SimHttp.Answer removed = delete(cluster.node(0), "/cluster/peer/12345");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(SimHttp.cluster(cluster.node(0)).path("peers").size()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "18446744073709551616", "1.5"})
    void anIdThatIsNoU64IsActixPlainTextNotFound(String id) {
        SimHttp.Answer answer = delete(cluster.node(0), "/cluster/peer/" + id);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("text/plain");
        assertThat(answer.body()).isEqualTo("Path deserialize error: can not parse \"" + id + "\" to a u64");
    }

    @Test
    void aZeroTimeoutIsAValidationError() {
        SimHttp.Answer answer = delete(cluster.node(0), "/cluster/peer/" + cluster.node(2).peerId() + "?timeout=0");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.error()).startsWith("Validation error in query parameters: [timeout: value 0 invalid");
        assertThat(answer.json().path("time").asDouble()).isZero();
    }

    @Test
    void unparsableQueryValuesAreBadRequests() {
        String peer = cluster.node(2).peerId();
        SimHttp.Answer timeout = delete(cluster.node(0), "/cluster/peer/" + peer + "?timeout=soon");
        assertThat(timeout.status()).isEqualTo(400);
        assertThat(timeout.error()).startsWith("Deserialize error in query parameters: ");
        SimHttp.Answer force = delete(cluster.node(0), "/cluster/peer/" + peer + "?force=yes");
        assertThat(force.status()).isEqualTo(400);
        assertThat(force.error()).startsWith("Deserialize error in query parameters: ");
    }

    @Test
    void withoutALeaderTheProposalFails() {
        cluster.stop(0);
        cluster.stop(1);
        cluster.clock().advance(Duration.ofSeconds(5));
        SimHttp.Answer answer = delete(cluster.node(2), "/cluster/peer/" + cluster.node(0).peerId()
                + "?force=true&timeout=3");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.error()).isEqualTo(
                "Service internal error: Failed to propose operation: leader is not established within 3s");
        assertThat(answer.json().path("time").asDouble()).isEqualTo(3.0);
    }

    @Test
    void aLeaderOutOfReachTimesOutWaitingForTheCommit() {
        SimulatedNode asking = cluster.node(2);
        asking.setFault(Fault.PARTITIONED);
        SimHttp.Answer answer = delete(asking, "/cluster/peer/" + cluster.node(1).peerId() + "?force=true");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.error()).isEqualTo(
                "Service internal error: Waiting for consensus operation commit failed. Timeout set at: 10 seconds");
        assertThat(keyPaths(answer.json())).isEqualTo(keyPaths(example("remove-peer-timeout-error.json")));
        assertThat(SimHttp.cluster(cluster.node(0)).path("peers").has(cluster.node(1).peerId())).isTrue();
    }

    @Test
    void standaloneModeAnswers405() {
        cluster.node(0).setFault(Fault.CLUSTER_DISABLED);
        SimHttp.Answer remove = delete(cluster.node(0), "/cluster/peer/" + cluster.node(2).peerId() + "?force=true");
        assertThat(remove.status()).isEqualTo(405);
        assertThat(remove.error()).isEqualTo("Qdrant is running in standalone mode");
        SimHttp.Answer recover = SimHttp.send(cluster.node(0), "POST", "/cluster/recover", null, Map.of());
        assertThat(recover.status()).isEqualTo(405);
        assertThat(keyPaths(recover.json())).isEqualTo(keyPaths(example("standalone-mode-error.json")));
    }

    @Test
    void clusterRecoverAnswersTrueAndCatchesTheNodeUp() {
        SimulatedNode lagging = cluster.node(2);
        lagging.setFault(Fault.PARTITIONED);
        cluster.createCollection(CollectionSpec.of("documents", 1, 1));
        lagging.clearFault(Fault.PARTITIONED);
        long leaderCommit = RaftElectionTest.raft(cluster.node(0)).path("commit").asLong();
        assertThat(RaftElectionTest.raft(lagging).path("commit").asLong()).isLessThan(leaderCommit);

        SimHttp.Answer recover = SimHttp.send(lagging, "POST", "/cluster/recover", null, Map.of());
        assertThat(recover.status()).isEqualTo(200);
        assertThat(keyPaths(recover.json())).isEqualTo(keyPaths(example("cluster-recover-ok.json")));
        assertThat(RaftElectionTest.raft(lagging).path("commit").asLong()).isEqualTo(leaderCommit);
    }

    private static SimHttp.Answer delete(SimulatedNode node, String path) {
        return SimHttp.send(node, "DELETE", path, null, Map.of());
    }
}
