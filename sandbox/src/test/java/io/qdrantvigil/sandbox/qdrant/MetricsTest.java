package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus text with the cluster_* family of API.md §10. */
class MetricsTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*})? -?\\d+$");

    private SimulatedCluster cluster;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(23));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aLeaderExposesEveryClusterMetric() {
        cluster.clock().advance(Duration.ofSeconds(3));
        SimulatedNode leader = cluster.node(0);
        SimHttp.Answer answer = SimHttp.get(leader, "/metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/plain");
        Instant lastUpdate = Instant.parse(SimHttp.cluster(leader).path("consensus_thread_status")
                .path("last_update").asText());
        assertThat(answer.body().lines()).contains(
                "cluster_enabled 1",
                "cluster_peers_total 3",
                "cluster_term 2",
                "cluster_commit{peer_id=\"" + leader.peerId() + "\"} 47",
                "cluster_pending_operations_total 0",
                "cluster_voter 1",
                "cluster_last_update_timestamp_seconds " + lastUpdate.getEpochSecond(),
                "cluster_working_state{state=\"working\"} 1",
                "cluster_working_state{state=\"stopped\"} 0",
                "# TYPE cluster_term counter",
                "# TYPE cluster_enabled gauge");
        assertThat(answer.body()).doesNotContain("leader").doesNotContain("send_failure");
    }

    @Test
    void everySampleIsWellFormedAndDeclared() {
        String body = SimHttp.get(cluster.node(1), "/metrics").body();
        Set<String> declared = new HashSet<>();
        for (String line : body.lines().toList()) {
            if (line.startsWith("# TYPE ")) {
                declared.add(line.split(" ")[2]);
            } else if (!line.startsWith("# HELP ")) {
                var matcher = SAMPLE.matcher(line);
                assertThat(matcher.matches()).as(line).isTrue();
                assertThat(declared).as(line).contains(matcher.group(1));
            }
        }
        assertThat(declared).contains("cluster_enabled", "cluster_commit", "collections_total");
    }

    @Test
    void aStoppedConsensusDropsLastUpdateAndShowsStopped() {
        SimulatedNode node = cluster.node(2);
        node.setFault(Fault.CONSENSUS_STOPPED_WITH_ERR);
        String body = SimHttp.get(node, "/metrics").body();
        assertThat(body).doesNotContain("cluster_last_update_timestamp_seconds");
        assertThat(body.lines()).contains("cluster_working_state{state=\"working\"} 0",
                "cluster_working_state{state=\"stopped\"} 1", "cluster_pending_operations_total 1");
    }
}
