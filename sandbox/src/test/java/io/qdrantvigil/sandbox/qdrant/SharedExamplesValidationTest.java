package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Proves the validator setup: Qdrant's real example responses pass, wrong shapes fail. */
class SharedExamplesValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Example file → (method, path) whose 200 schema it follows; error examples use ErrorResponse. */
    private static final Map<String, String[]> OPERATIONS = Map.ofEntries(
            Map.entry("root.json", new String[] {"GET", "/"}),
            Map.entry("collections.json", new String[] {"GET", "/collections"}),
            Map.entry("collection-info.json", new String[] {"GET", "/collections/{collection_name}"}),
            Map.entry("collection-cluster.json", new String[] {"GET", "/collections/{collection_name}/cluster"}),
            Map.entry("collection-cluster-with-transfer.json",
                    new String[] {"GET", "/collections/{collection_name}/cluster"}),
            Map.entry("cluster-telemetry-level3-healthy.json", new String[] {"GET", "/cluster/telemetry"}),
            Map.entry("cluster-telemetry-level3-degraded.json", new String[] {"GET", "/cluster/telemetry"}),
            Map.entry("cluster-update-ok.json", new String[] {"POST", "/collections/{collection_name}/cluster"}),
            Map.entry("issues.json", new String[] {"GET", "/issues"}),
            Map.entry("remove-peer-ok.json", new String[] {"DELETE", "/cluster/peer/{peer_id}"}),
            Map.entry("cluster-recover-ok.json", new String[] {"POST", "/cluster/recover"}),
            Map.entry("snapshot-recover-ok.json",
                    new String[] {"PUT", "/collections/{collection_name}/snapshots/recover"}));

    static Stream<Path> jsonExamples() throws IOException {
        List<Path> all = new ArrayList<>();
        QdrantSpec.examples().forEachRemaining(all::add);
        return all.stream().filter(p -> p.toString().endsWith(".json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonExamples")
    void everyExamplePassesStrictValidation(Path example) throws IOException {
        JsonNode body = JSON.readTree(Files.readAllBytes(example));
        assertThat(errors(example.getFileName().toString(), body, QdrantSpec.strict())).isEmpty();
    }

    @Test
    void thereAreExamplesOfEveryKind() throws IOException {
        assertThat(jsonExamples().map(p -> p.getFileName().toString()))
                .contains("cluster-leader.json", "cluster-disabled.json", "collection-cluster.json",
                        "snapshot-recover-accepted.json", "remove-peer-error.json")
                .hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void lowercaseRoleFailsThoughItsBranchIsNullable() throws IOException {
        ObjectNode body = example("cluster-leader.json");
        ((ObjectNode) body.path("result").path("raft_info")).put("role", "leader");
        assertThat(QdrantSpec.lenient().responseErrors("GET", "/cluster", 200, body)).isNotEmpty();
        assertThat(QdrantSpec.strict().responseErrors("GET", "/cluster", 200, body)).isNotEmpty();
    }

    @Test
    void nullRoleAndLeaderPass() throws IOException {
        ObjectNode body = example("cluster-leader.json");
        ((ObjectNode) body.path("result").path("raft_info")).putNull("role").putNull("leader");
        assertThat(QdrantSpec.strict().responseErrors("GET", "/cluster", 200, body)).isEmpty();
    }

    @Test
    void stringPeerIdFails() throws IOException {
        ObjectNode body = example("cluster-follower.json");
        ((ObjectNode) body.path("result")).put("peer_id", "8735617003849162");
        assertThat(QdrantSpec.strict().responseErrors("GET", "/cluster", 200, body)).isNotEmpty();
    }

    @Test
    void stringRemoteShardPeerIdFails() throws IOException {
        ObjectNode body = example("collection-cluster.json");
        ((ObjectNode) body.path("result").path("remote_shards").get(0)).put("peer_id", "8735617003849162");
        assertThat(QdrantSpec.strict().responseErrors("GET", "/collections/{collection_name}/cluster", 200, body))
                .isNotEmpty();
    }

    @Test
    void workingConsensusWithoutLastUpdateFails() throws IOException {
        ObjectNode body = example("cluster-leader.json");
        ((ObjectNode) body.path("result").path("consensus_thread_status")).remove("last_update");
        assertThat(QdrantSpec.strict().responseErrors("GET", "/cluster", 200, body)).isNotEmpty();
    }

    @Test
    void malformedTimestampFails() throws IOException {
        ObjectNode body = example("cluster-leader.json");
        ((ObjectNode) body.path("result").path("consensus_thread_status")).put("last_update", "yesterday");
        assertThat(QdrantSpec.strict().responseErrors("GET", "/cluster", 200, body)).isNotEmpty();
    }

    @Test
    void undeclaredFieldFailsOnlyInStrictMode() throws IOException {
        ObjectNode body = example("cluster-leader.json");
        ((ObjectNode) body.path("result").path("raft_info")).put("leader_id", 1);
        assertThat(QdrantSpec.lenient().responseErrors("GET", "/cluster", 200, body)).isEmpty();
        assertThat(QdrantSpec.strict().responseErrors("GET", "/cluster", 200, body)).isNotEmpty();
    }

    @Test
    void legacyPeerIdAboveTwoToTheSixtyThreePasses() throws IOException {
        ObjectNode body = example("cluster-legacy-large-peer-ids.json");
        assertThat(body.path("result").path("peer_id").isBigInteger()).isTrue();
        assertThat(QdrantSpec.strict().responseErrors("GET", "/cluster", 200, body)).isEmpty();
    }

    private static ObjectNode example(String name) throws IOException {
        return (ObjectNode) JSON.readTree(Files.readAllBytes(QdrantSpec.qdrantDir().resolve("examples/" + name)));
    }

    /** As validate_examples.py maps them: named operations first, other {@code cluster-*} as GET /cluster. */
    private static List<String> errors(String name, JsonNode body, QdrantSpec spec) {
        String[] operation = OPERATIONS.get(name);
        if (operation != null) {
            return spec.responseErrors(operation[0], operation[1], 200, body);
        }
        if (name.startsWith("cluster-") && !name.startsWith("cluster-update-")) {
            return spec.responseErrors("GET", "/cluster", 200, body);
        }
        if (name.equals("snapshot-recover-accepted.json")) {
            return spec.responseErrors("PUT", "/collections/{collection_name}/snapshots/recover", 202, body);
        }
        if (name.equals("telemetry-cluster-part-level3.json")) {
            return spec.componentErrors("ClusterTelemetry", body);
        }
        return spec.componentErrors("ErrorResponse", body);
    }
}
