package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The key structure of a JSON document, to compare the simulator's answers with Qdrant's examples. */
final class ExampleShapes {

    /** Objects keyed by data (peer ids, URIs, field names) rather than by field names. */
    private static final Set<String> DATA_KEYED = Set.of("peers", "message_send_failures", "payload_schema");

    private ExampleShapes() {
    }

    static JsonNode example(String name) {
        try {
            return SimHttp.JSON.readTree(QdrantSpec.qdrantDir().resolve("examples/" + name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key path, e.g. {@code result.raft_info.leader}; data keys become {@code *}, array items {@code []}. */
    static Set<String> keyPaths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect(node, "", false, paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, boolean dataKeyed, Set<String> paths) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = dataKeyed ? "*" : field.getKey();
                String path = prefix.isEmpty() ? key : prefix + "." + key;
                paths.add(path);
                collect(field.getValue(), path, !dataKeyed && DATA_KEYED.contains(field.getKey()), paths);
            }
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, prefix + "[]", false, paths));
        }
    }
}
