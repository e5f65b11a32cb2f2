package io.qdrantvigil.sandbox.qdrant;

import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.example;
import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.keyPaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Raft as /cluster shows it (API.md §13), driven by the simulated clock. Seeds vary the election timeouts. */
class RaftElectionTest {

    private static final Duration TICK = Duration.ofMillis(100);

    private SimulatedCluster cluster;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(42));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void followersKeepAStoppedLeaderThenElectANewOneAtAHigherTerm(long seed) {
        cluster.close();
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(seed));
        String oldLeader = cluster.node(0).peerId();
        cluster.stop(0);

        // The last heartbeat arrived at most 200 ms before the stop; the timeout is 2–4 s after it.
        for (int step = 1; step <= 17; step++) {
            advance(TICK);
            for (SimulatedNode follower : followers()) {
                JsonNode raft = raft(follower);
                assertThat(raft.path("leader").asText()).isEqualTo(oldLeader);
                assertThat(raft.path("term").asLong()).isEqualTo(2);
                assertThat(raft.path("role").asText()).isEqualTo("Follower");
            }
        }
        boolean sawCandidate = false;
        for (int step = 18; step <= 45; step++) {
            advance(TICK);
            for (SimulatedNode follower : followers()) {
                JsonNode raft = raft(follower);
                if (raft.path("role").asText().equals("Candidate")) {
                    sawCandidate = true;
                    assertThat(raft.path("leader").asLong()).isZero();
                    assertThat(raft.path("term").asLong()).isGreaterThan(2);
                }
            }
        }
        assertThat(sawCandidate).isTrue();
        advance(Duration.ofSeconds(5));
        String newLeader = cluster.leaderPeerId().orElseThrow();
        assertThat(newLeader).isNotEqualTo(oldLeader);
        long term = raft(followers().get(0)).path("term").asLong();
        assertThat(term).isGreaterThanOrEqualTo(3);
        for (SimulatedNode follower : followers()) {
            JsonNode raft = raft(follower);
            assertThat(raft.path("leader").asText()).isEqualTo(newLeader);
            assertThat(raft.path("term").asLong()).isEqualTo(term);
            assertThat(raft.path("role").asText()).isEqualTo(follower.peerId().equals(newLeader) ? "Leader" : "Follower");
        }
    }

    @Test
    void withoutAMajorityTheTermKeepsRisingAndNoLeaderIsKnown() {
        cluster.stop(0);
        cluster.stop(1);
        SimulatedNode survivor = cluster.node(2);
        advance(Duration.ofSeconds(5));
        JsonNode first = SimHttp.cluster(survivor);
        assertThat(keyPaths(SimHttp.get(survivor, "/cluster").json()))
                .isEqualTo(keyPaths(example("cluster-no-leader-candidate.json")));
        assertThat(first.path("raft_info").path("role").asText()).isEqualTo("Candidate");
        assertThat(first.path("raft_info").path("leader").asLong()).isZero();
        long termAtFirstLook = first.path("raft_info").path("term").asLong();
        assertThat(termAtFirstLook).isGreaterThan(2);

        for (int second = 0; second < 20; second++) {
            advance(Duration.ofSeconds(1));
            JsonNode raft = raft(survivor);
            assertThat(raft.path("leader").asLong()).isZero();
            assertThat(raft.path("role").asText()).isEqualTo("Candidate");
        }
        long termLater = raft(survivor).path("term").asLong();
        // One election every 2–4 s: 20 s give between 5 and 11 more.
        assertThat(termLater - termAtFirstLook).isBetween(4L, 11L);
        assertThat(cluster.leaderPeerId()).isEmpty();
    }

    @Test
    void anIsolatedLeaderKeepsSayingLeaderAtItsOldTerm() {
        SimulatedNode oldLeader = cluster.node(0);
        oldLeader.setFault(Fault.PARTITIONED);
        advance(Duration.ofSeconds(6));

        JsonNode isolated = raft(oldLeader);
        assertThat(isolated.path("role").asText()).isEqualTo("Leader");
        assertThat(isolated.path("term").asLong()).isEqualTo(2);
        assertThat(isolated.path("leader").asText()).isEqualTo(oldLeader.peerId());

        String newLeader = cluster.leaderPeerId().orElseThrow();
        assertThat(newLeader).isIn(cluster.node(1).peerId(), cluster.node(2).peerId());
        for (SimulatedNode follower : followers()) {
            assertThat(raft(follower).path("term").asLong()).isGreaterThan(2);
            assertThat(raft(follower).path("leader").asText()).isEqualTo(newLeader);
        }

        oldLeader.heal();
        advance(Duration.ofSeconds(1));
        JsonNode rejoined = raft(oldLeader);
        assertThat(rejoined.path("role").asText()).isEqualTo("Follower");
        assertThat(rejoined.path("leader").asText()).isEqualTo(newLeader);
        assertThat(rejoined.path("term").asLong()).isEqualTo(raft(cluster.node(1)).path("term").asLong());
    }

    @Test
    void anIsolatedFollowerRaisesItsTermAndForcesAnElectionWhenItReturns() {
        SimulatedNode isolated = cluster.node(2);
        isolated.setFault(Fault.PARTITIONED);
        advance(Duration.ofSeconds(12));
        JsonNode cutOff = raft(isolated);
        assertThat(cutOff.path("role").asText()).isEqualTo("Candidate");
        assertThat(cutOff.path("leader").asLong()).isZero();
        long cutOffTerm = cutOff.path("term").asLong();
        assertThat(cutOffTerm).isGreaterThanOrEqualTo(5);
        assertThat(raft(cluster.node(0)).path("role").asText()).isEqualTo("Leader");
        assertThat(raft(cluster.node(0)).path("term").asLong()).isEqualTo(2);

        isolated.heal();
        boolean oldLeaderSawNoLeader = false;
        for (int step = 0; step < 100; step++) {
            advance(TICK);
            JsonNode old = raft(cluster.node(0));
            if (old.path("leader").asLong() == 0 && old.path("term").asLong() >= cutOffTerm) {
                oldLeaderSawNoLeader = true;
            }
        }
        assertThat(oldLeaderSawNoLeader).isTrue();
        String leader = cluster.leaderPeerId().orElseThrow();
        long term = raft(cluster.node(0)).path("term").asLong();
        assertThat(term).isGreaterThan(cutOffTerm);
        for (SimulatedNode node : cluster.nodes()) {
            assertThat(raft(node).path("leader").asText()).isEqualTo(leader);
            assertThat(raft(node).path("term").asLong()).isEqualTo(term);
        }
    }

    @Test
    void aRestartedNodeKnowsNoLeaderUntilAHeartbeatReachesIt() {
        cluster.stop(1);
        advance(Duration.ofSeconds(1));
        cluster.start(1);
        SimHttp.Answer justStarted = SimHttp.get(cluster.node(1), "/cluster");
        assertThat(keyPaths(justStarted.json())).isEqualTo(keyPaths(example("cluster-just-started-no-soft-state.json")));
        assertThat(justStarted.result().path("raft_info").path("leader").isNull()).isTrue();
        assertThat(justStarted.result().path("raft_info").path("role").isNull()).isTrue();
        assertThat(justStarted.result().path("raft_info").path("term").asLong()).isEqualTo(2);

        advance(Duration.ofMillis(400));
        JsonNode raft = raft(cluster.node(1));
        assertThat(raft.path("leader").asText()).isEqualTo(cluster.node(0).peerId());
        assertThat(raft.path("role").asText()).isEqualTo("Follower");
    }

    @Test
    void lastUpdateFollowsHeartbeatsInAMultiNodeCluster() {
        advance(Duration.ofSeconds(30));
        Instant now = cluster.clock().now();
        for (SimulatedNode node : cluster.nodes()) {
            Instant lastUpdate = Instant.parse(SimHttp.cluster(node)
                    .path("consensus_thread_status").path("last_update").asText());
            assertThat(Duration.between(lastUpdate, now)).isBetween(Duration.ZERO, Duration.ofMillis(300));
        }
    }

    @Test
    void anIdleSingleNodeClusterLetsLastUpdateGoStale() {
        cluster.close();
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withNodes(1));
        JsonNode before = SimHttp.cluster(cluster.node(0));
        advance(Duration.ofHours(1));
        JsonNode after = SimHttp.cluster(cluster.node(0));
        assertThat(after.path("raft_info").path("role").asText()).isEqualTo("Leader");
        assertThat(after.path("consensus_thread_status").path("last_update"))
                .isEqualTo(before.path("consensus_thread_status").path("last_update"));
        assertThat(after.path("peers").size()).isEqualTo(1);
    }

    @Test
    void termAndCommitAgreeOnceTheClusterSettles() {
        cluster.stop(0);
        advance(Duration.ofSeconds(6));
        cluster.start(0);
        advance(Duration.ofSeconds(2));
        List<JsonNode> views = cluster.nodes().stream().map(RaftElectionTest::raft).toList();
        assertThat(views).extracting(v -> v.path("term").asLong()).containsOnly(views.get(0).path("term").asLong());
        assertThat(views).extracting(v -> v.path("commit").asLong()).containsOnly(views.get(0).path("commit").asLong());
        assertThat(views.get(0).path("commit").asLong()).isGreaterThan(SimulatedCluster.START_COMMIT);
        assertThat(views).extracting(v -> v.path("pending_operations").asLong()).containsOnly(0L);
    }

    private List<SimulatedNode> followers() {
        return List.of(cluster.node(1), cluster.node(2));
    }

    private void advance(Duration duration) {
        cluster.clock().advance(duration);
    }

    static JsonNode raft(SimulatedNode node) {
        return SimHttp.cluster(node).path("raft_info");
    }
}
