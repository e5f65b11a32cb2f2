package io.qdrantvigil.sandbox.qdrant;

import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.example;
import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.keyPaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** message_send_failures: who records them, how they grow, freeze and clear (API.md §13.4). */
class SendFailuresTest {

    private SimulatedCluster cluster;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(11));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void theLeaderReportsAFreshGrowingFailureForADeadFollower() {
        SimulatedNode leader = cluster.node(0);
        SimulatedNode dead = cluster.node(2);
        cluster.stop(2);
        advance(Duration.ofSeconds(2));

        SimHttp.Answer answer = SimHttp.get(leader, "/cluster");
        assertThat(keyPaths(answer.json())).isEqualTo(keyPaths(example("cluster-leader-with-dead-peer.json")));
        JsonNode entry = answer.result().path("message_send_failures").path(dead.p2pUri());
        long count = entry.path("count").asLong();
        assertThat(count).isBetween(5L, 12L);
        assertThat(entry.path("latest_error").asText()).contains("Failed to connect to " + dead.p2pUri());
        assertThat(lag(answer.result(), dead.p2pUri())).isLessThan(Duration.ofSeconds(1));

        advance(Duration.ofSeconds(3));
        JsonNode later = SimHttp.cluster(leader);
        assertThat(later.path("message_send_failures").path(dead.p2pUri()).path("count").asLong())
                .isGreaterThan(count + 10);
        assertThat(lag(later, dead.p2pUri())).isLessThan(Duration.ofSeconds(1));
        assertThat(later.path("peers").has(dead.peerId())).isTrue();
    }

    @Test
    void aDeadFollowerDoesNotShowOnOtherFollowers() {
        cluster.stop(2);
        advance(Duration.ofSeconds(5));
        assertThat(SimHttp.cluster(cluster.node(1)).path("message_send_failures").size()).isZero();
    }

    @Test
    void aLoneCandidateFailsToReachEveryPeer() {
        cluster.stop(0);
        cluster.stop(1);
        advance(Duration.ofSeconds(9));
        JsonNode survivor = SimHttp.cluster(cluster.node(2));
        JsonNode failures = survivor.path("message_send_failures");
        assertThat(failures.size()).isEqualTo(2);
        for (SimulatedNode dead : new SimulatedNode[] {cluster.node(0), cluster.node(1)}) {
            assertThat(failures.path(dead.p2pUri()).path("count").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(lag(survivor, dead.p2pUri())).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aFollowerKeepsAFrozenEntryForADeadOldLeaderWhileTheNewLeadersEntryStaysFresh() {
        SimulatedNode oldLeader = cluster.node(0);
        cluster.stop(0);
        // Both survivors campaign while cut off from each other, so both try the dead leader.
        cluster.node(1).setFault(Fault.PARTITIONED);
        advance(Duration.ofSeconds(9));
        cluster.node(1).heal();
        advance(Duration.ofSeconds(12));

        String newLeader = cluster.leaderPeerId().orElseThrow();
        SimulatedNode leader = cluster.node(1).peerId().equals(newLeader) ? cluster.node(1) : cluster.node(2);
        SimulatedNode follower = leader == cluster.node(1) ? cluster.node(2) : cluster.node(1);

        SimHttp.Answer followerView = SimHttp.get(follower, "/cluster");
        assertThat(keyPaths(followerView.json()))
                .isEqualTo(keyPaths(example("cluster-follower-with-send-failures.json")));
        JsonNode frozen = followerView.result().path("message_send_failures");
        assertThat(frozen.fieldNames()).toIterable().containsExactly(oldLeader.p2pUri());
        assertThat(lag(followerView.result(), oldLeader.p2pUri())).isGreaterThan(Duration.ofSeconds(5));
        long frozenCount = frozen.path(oldLeader.p2pUri()).path("count").asLong();

        JsonNode leaderView = SimHttp.cluster(leader);
        assertThat(lag(leaderView, oldLeader.p2pUri())).isLessThan(Duration.ofSeconds(1));

        // The old leader comes back: the new leader's sends succeed, the follower never sends to it.
        cluster.start(0);
        advance(Duration.ofSeconds(2));
        assertThat(SimHttp.cluster(leader).path("message_send_failures").has(oldLeader.p2pUri())).isFalse();
        JsonNode stillFrozen = SimHttp.cluster(follower).path("message_send_failures").path(oldLeader.p2pUri());
        assertThat(stillFrozen.path("count").asLong()).isEqualTo(frozenCount);
    }

    @Test
    void anEntryClearsOnTheFirstSuccessfulSend() {
        SimulatedNode dead = cluster.node(1);
        cluster.stop(1);
        advance(Duration.ofSeconds(1));
        assertThat(SimHttp.cluster(cluster.node(0)).path("message_send_failures").has(dead.p2pUri())).isTrue();
        cluster.start(1);
        advance(Duration.ofMillis(300));
        assertThat(SimHttp.cluster(cluster.node(0)).path("message_send_failures").size()).isZero();
    }

    @Test
    void anEntryStaysAfterThePeerIsRemoved() {
        SimulatedNode leader = cluster.node(0);
        SimulatedNode dead = cluster.node(2);
        cluster.stop(2);
        advance(Duration.ofSeconds(1));
        SimHttp.Answer removed = SimHttp.send(leader, "DELETE", "/cluster/peer/" + dead.peerId() + "?force=true",
                null, Map.of());
        assertThat(removed.status()).isEqualTo(200);
        long count = SimHttp.cluster(leader).path("message_send_failures").path(dead.p2pUri()).path("count").asLong();
        advance(Duration.ofSeconds(3));
        JsonNode after = SimHttp.cluster(leader);
        assertThat(after.path("peers").has(dead.peerId())).isFalse();
        assertThat(after.path("message_send_failures").path(dead.p2pUri()).path("count").asLong()).isEqualTo(count);
    }

    private void advance(Duration duration) {
        cluster.clock().advance(duration);
    }

    /** How far an entry's latest error lies behind the node's own consensus last_update. */
    static Duration lag(JsonNode clusterResult, String uri) {
        Instant lastUpdate = Instant.parse(clusterResult.path("consensus_thread_status").path("last_update").asText());
        Instant error = Instant.parse(clusterResult.path("message_send_failures").path(uri)
                .path("latest_error_timestamp").asText());
        return Duration.between(error, lastUpdate);
    }
}
