package io.qdrantvigil.sandbox.qdrant;

import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.example;
import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.keyPaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consensus-thread faults and partitions as /cluster shows them (API.md §13.2, §13.6). */
class ConsensusFaultsTest {

    private static final Pattern RESTART = Pattern.compile(
            "^Failed to handle committed entries: .+; restarting consensus thread \\(attempt (\\d+), next attempt in (\\d+) sec\\)$");

    private SimulatedCluster cluster;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(13));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aStoppedConsensusThreadFreezesRaftWhileTheOthersMoveOn() {
        SimulatedNode leader = cluster.node(0);
        leader.setFault(Fault.CONSENSUS_STOPPED);
        JsonNode stopped = SimHttp.cluster(leader);
        assertThat(stopped.path("consensus_thread_status").path("consensus_thread_status").asText()).isEqualTo("stopped");
        assertThat(stopped.path("consensus_thread_status").has("last_update")).isFalse();

        // With this seed both followers time out together once: a split vote, then a second election.
        advance(Duration.ofSeconds(10));
        JsonNode stale = SimHttp.cluster(leader).path("raft_info");
        assertThat(stale.path("role").asText()).isEqualTo("Leader");
        assertThat(stale.path("term").asLong()).isEqualTo(2);
        String newLeader = cluster.leaderPeerId().orElseThrow();
        assertThat(newLeader).isNotEqualTo(leader.peerId());

        leader.heal();
        advance(Duration.ofSeconds(1));
        JsonNode resumed = SimHttp.cluster(leader);
        assertThat(resumed.path("consensus_thread_status").path("consensus_thread_status").asText()).isEqualTo("working");
        assertThat(resumed.path("raft_info").path("role").asText()).isEqualTo("Follower");
        assertThat(resumed.path("raft_info").path("leader").asText()).isEqualTo(newLeader);
    }

    @Test
    void stoppedWithErrRestartsWithBackoffAndRecoversWhenHealed() {
        SimulatedNode node = cluster.node(1);
        node.setFault(Fault.CONSENSUS_STOPPED_WITH_ERR);
        SimHttp.Answer first = SimHttp.get(node, "/cluster");
        assertThat(keyPaths(first.json())).isEqualTo(keyPaths(example("cluster-consensus-stopped-with-error.json")));
        assertThat(attempt(first.result())).containsExactly(1L, 1L);
        assertThat(first.result().path("raft_info").path("pending_operations").asLong()).isGreaterThanOrEqualTo(1);
        long commit = first.result().path("raft_info").path("commit").asLong();

        advance(Duration.ofSeconds(1));
        assertThat(attempt(SimHttp.cluster(node))).containsExactly(2L, 2L);
        advance(Duration.ofSeconds(2));
        assertThat(attempt(SimHttp.cluster(node))).containsExactly(3L, 4L);
        advance(Duration.ofSeconds(4));
        assertThat(attempt(SimHttp.cluster(node))).containsExactly(4L, 8L);

        cluster.createCollection(CollectionSpec.of("documents", 1, 1));
        advance(Duration.ofSeconds(1));
        assertThat(SimHttp.cluster(node).path("raft_info").path("commit").asLong()).isEqualTo(commit);

        node.heal();
        advance(Duration.ofMillis(400));
        JsonNode healed = SimHttp.cluster(node);
        assertThat(healed.path("consensus_thread_status").path("consensus_thread_status").asText()).isEqualTo("working");
        // The creation and its replica's activation (Initializing → Active) are two entries.
        assertThat(healed.path("raft_info").path("commit").asLong()).isEqualTo(commit + 2)
                .isEqualTo(SimHttp.cluster(cluster.node(0)).path("raft_info").path("commit").asLong());
        assertThat(healed.path("raft_info").path("pending_operations").asLong()).isZero();
    }

    @Test
    void aPartitionedNodeMissesMembershipChangesUntilItReturns() {
        SimulatedNode cutOff = cluster.node(2);
        cutOff.setFault(Fault.PARTITIONED);
        SimulatedNode added = cluster.addNode();
        advance(Duration.ofSeconds(1));
        assertThat(SimHttp.cluster(cluster.node(0)).path("peers").has(added.peerId())).isTrue();
        assertThat(SimHttp.cluster(added).path("peers").size()).isEqualTo(4);
        JsonNode stale = SimHttp.cluster(cutOff);
        assertThat(stale.path("peers").size()).isEqualTo(3);
        assertThat(stale.path("peers").has(added.peerId())).isFalse();
        assertThat(SimHttp.get(cutOff, "/healthz").status()).isEqualTo(200);

        cutOff.heal();
        advance(Duration.ofSeconds(8));
        assertThat(SimHttp.cluster(cutOff).path("peers").has(added.peerId())).isTrue();
        String leader = cluster.leaderPeerId().orElseThrow();
        for (SimulatedNode node : cluster.nodes()) {
            assertThat(SimHttp.cluster(node).path("raft_info").path("leader").asText()).isEqualTo(leader);
        }
    }

    private void advance(Duration duration) {
        cluster.clock().advance(duration);
    }

    /** (attempt, next attempt in seconds) from the stopped_with_err text. */
    private static Long[] attempt(JsonNode clusterResult) {
        String err = clusterResult.path("consensus_thread_status").path("err").asText();
        Matcher matcher = RESTART.matcher(err);
        assertThat(matcher.matches()).as(err).isTrue();
        return new Long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
    }
}
