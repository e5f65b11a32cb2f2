package io.qdrantvigil.sandbox.qdrant;

import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.example;
import static io.qdrantvigil.sandbox.qdrant.ExampleShapes.keyPaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each endpoint's default answer: spec-valid (checked by SimHttp) and shaped like Qdrant's own examples. */
class EndpointShapesTest {

    private SimulatedCluster cluster;

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(7));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void rootIsUnwrappedVersionInfo() {
        SimHttp.Answer root = SimHttp.get(cluster.node(0), "/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(keyPaths(root.json())).isEqualTo(keyPaths(example("root.json")));
        assertThat(root.json().path("version").asText()).isEqualTo("1.19.0");
    }

    @Test
    void leaderAndFollowerLookLikeTheExamples() {
        JsonNode leader = SimHttp.get(cluster.node(0), "/cluster").json();
        JsonNode follower = SimHttp.get(cluster.node(1), "/cluster").json();
        assertThat(keyPaths(leader)).isEqualTo(keyPaths(example("cluster-leader.json")));
        assertThat(keyPaths(follower)).isEqualTo(keyPaths(example("cluster-follower.json")));
        assertThat(leader.path("result").path("raft_info").path("role").asText()).isEqualTo("Leader");
        assertThat(follower.path("result").path("raft_info").path("role").asText()).isEqualTo("Follower");
        assertThat(follower.path("result").path("raft_info").path("leader"))
                .isEqualTo(leader.path("result").path("peer_id"));
        assertThat(leader.path("result").path("raft_info").path("term").asLong()).isEqualTo(2);
    }

    @Test
    void everyNodeListsTheSamePeersWithP2pUris() {
        for (SimulatedNode node : cluster.nodes()) {
            JsonNode peers = SimHttp.cluster(node).path("peers");
            assertThat(peers.size()).isEqualTo(3);
            for (SimulatedNode other : cluster.nodes()) {
                assertThat(peers.path(other.peerId()).path("uri").asText())
                        .isEqualTo("http://qdrant-" + other.ordinal() + ".qdrant-headless:6335/");
            }
        }
    }

    @Test
    void collectionsListAndInfoLookLikeTheExamples() {
        SimHttp.Answer list = SimHttp.get(cluster.node(1), "/collections");
        assertThat(keyPaths(list.json())).isEqualTo(keyPaths(example("collections.json")));
        assertThat(list.result().path("collections").get(0).path("name").asText()).isEqualTo("products");

        SimHttp.Answer info = SimHttp.get(cluster.node(1), "/collections/products");
        assertThat(keyPaths(info.json())).isEqualTo(keyPaths(example("collection-info.json")));
        assertThat(info.result().path("points_count").asLong()).isEqualTo(12000);
    }

    @Test
    void collectionClusterWithATransferLooksLikeTheExample() {
        SimulatedNode source = cluster.node(0);
        cluster.startTransfer("products", 0, source.peerId(), cluster.node(2).peerId(), true, "stream_records");
        SimHttp.Answer view = SimHttp.get(source, "/collections/products/cluster");
        assertThat(keyPaths(view.json())).isEqualTo(keyPaths(example("collection-cluster.json")));
    }

    @Test
    void missingCollectionIsQdrantsNotFound() {
        SimHttp.Answer missing = SimHttp.get(cluster.node(0), "/collections/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isEqualTo("Not found: Collection `nope` doesn't exist!");
        assertThat(keyPaths(missing.json())).isEqualTo(keyPaths(example("collection-not-found.json")));
        assertThat(SimHttp.get(cluster.node(0), "/collections/nope/cluster").status()).isEqualTo(404);
    }

    @Test
    void issuesAreWrappedAndEmptyByDefault() {
        SimHttp.Answer issues = SimHttp.get(cluster.node(0), "/issues");
        assertThat(issues.status()).isEqualTo(200);
        assertThat(issues.result().path("issues").isArray()).isTrue();
        assertThat(issues.result().path("issues").size()).isZero();
    }

    @Test
    void probesAnswerPlainText() {
        for (String probe : new String[] {"/healthz", "/livez"}) {
            SimHttp.Answer answer = SimHttp.get(cluster.node(2), probe);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.contentType()).startsWith("text/plain");
            assertThat(answer.body()).isEqualTo("healthz check passed");
        }
        SimHttp.Answer ready = SimHttp.get(cluster.node(2), "/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("all shards are ready");
    }

    @Test
    void trailingSlashesAreServed() {
        assertThat(SimHttp.get(cluster.node(0), "/cluster/").status()).isEqualTo(200);
        assertThat(SimHttp.get(cluster.node(0), "/collections/products/cluster/").status()).isEqualTo(200);
        assertThat(SimHttp.get(cluster.node(0), "/healthz/").body()).isEqualTo("healthz check passed");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() {
        assertThat(SimHttp.get(cluster.node(0), "/nothing/here").status()).isEqualTo(404);
        assertThat(SimHttp.send(cluster.node(0), "POST", "/cluster", "{}", Map.of()).status()).isEqualTo(405);
    }

    @Test
    void timeIsAFloatOfSeconds() {
        JsonNode body = SimHttp.get(cluster.node(0), "/cluster").json();
        assertThat(body.path("time").isDouble()).isTrue();
        assertThat(body.path("time").asDouble()).isBetween(0.0, 5.0);
        assertThat(body.fieldNames()).toIterable().containsExactly("result", "status", "time");
    }
}
