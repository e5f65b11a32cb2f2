package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * {@code PUT /collections/{name}/snapshots/recover}: validates the body as Qdrant's serde does, records
 * what arrived, and recovers this node's local replicas (Active again; a missing collection is created).
 * With {@code wait=false} the answer is 202 whatever happens next, read-only key included.
 */
final class SnapshotRecoverEndpoint {

    private static final List<String> PRIORITIES = List.of("no_sync", "snapshot", "replica");
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.+");
    private static final Pattern SHA256 = Pattern.compile("^[0-9A-Fa-f]{64}$");
    private static final long CONSENSUS_TIMEOUT_SECONDS = 10;

    /** The body fields as far as they could be read. */
    private record Body(String location, String priority, String checksum, String apiKey) {
    }

    private SnapshotRecoverEndpoint() {
    }

    static Reply recover(SimulatedNode node, Request request, String collection) {
        String raw = new String(request.body(), StandardCharsets.UTF_8);
        JsonNode json = parse(raw);
        Body body = new Body(text(json, "location"), text(json, "priority"), text(json, "checksum"),
                text(json, "api_key"));
        Reply reply = answer(node, request, collection, json, body);
        node.record(new RecoveryRequest(collection, body.location(), body.priority(), body.checksum(), body.apiKey(),
                !"false".equals(request.query().get("wait")), raw, reply.status(), node.simulation().now()));
        return reply;
    }

    private static Reply answer(SimulatedNode node, Request request, String collection, JsonNode json, Body body) {
        boolean wait;
        try {
            wait = QueryParams.bool(request, "wait", true);
        } catch (QueryParams.Invalid invalid) {
            return invalid.reply;
        }
        Reply malformed = validate(json);
        if (malformed != null) {
            return malformed;
        }
        if (!wait) {
            if (request.access() == Access.MANAGE && mismatch(node, body) == null) {
                try {
                    apply(node, collection);
                } catch (ConsensusUnavailableException ignored) {
                    // With wait=false Qdrant only logs what fails after the 202.
                }
            }
            return ApiJson.accepted(request);
        }
        Reply forbidden = ApiJson.forbiddenUnlessManage(request);
        if (forbidden != null) {
            return forbidden;
        }
        String mismatch = mismatch(node, body);
        if (mismatch != null) {
            return ApiJson.error(400, mismatch, request);
        }
        try {
            apply(node, collection);
        } catch (ConsensusUnavailableException e) {
            return ApiJson.error(500, "Service internal error: " + e.getMessage(), request);
        }
        return ApiJson.ok(BooleanNode.TRUE, request);
    }

    private static Reply validate(JsonNode json) {
        if (json == null) {
            return formatError("expected value at line 1 column 1");
        }
        if (!json.isObject()) {
            return formatError("invalid type: " + json.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", expected struct SnapshotRecover at line 1 column 1");
        }
        JsonNode location = json.get("location");
        if (location == null) {
            return formatError("missing field `location`");
        }
        if (!location.isTextual()) {
            return formatError("invalid type: " + location + ", expected a string");
        }
        if (!URL.matcher(location.asText()).matches()) {
            return formatError("relative URL without a base");
        }
        JsonNode priority = json.get("priority");
        if (priority != null && !priority.isNull() && !PRIORITIES.contains(priority.asText())) {
            return formatError("unknown variant `" + priority.asText()
                    + "`, expected one of `no_sync`, `snapshot`, `replica`");
        }
        JsonNode checksum = json.get("checksum");
        if (checksum != null && !checksum.isNull() && !SHA256.matcher(checksum.asText()).matches()) {
            return ApiJson.validationError(422, "Validation error in JSON body: "
                    + "[checksum: value invalid, must be a SHA256 hash of 64 hex characters]");
        }
        return null;
    }

    private static String mismatch(SimulatedNode node, Body body) {
        if (body.checksum() == null) {
            return null;
        }
        return node.simulation().read(sim -> sim.snapshotChecksum(body.location())
                .filter(actual -> !actual.equalsIgnoreCase(body.checksum()))
                .map(actual -> "Wrong input: Snapshot checksum mismatch: expected " + body.checksum()
                        + ", got " + actual)
                .orElse(null));
    }

    private static void apply(SimulatedNode node, String collection) {
        node.simulation().act(sim -> {
            RaftNode self = node.raftNode();
            Runnable recovery = () -> {
                CollectionState state = sim.collection(collection).orElseGet(() -> {
                    CollectionState created = CollectionState.placed(new CollectionSpec(collection, 1, 1, 0),
                            List.of(self.id));
                    sim.putCollection(created);
                    return created;
                });
                state.shards.values().forEach(s -> s.replicas().computeIfPresent(self.id,
                        (peer, old) -> ReplicaState.Active));
            };
            if (node.hasFault(Fault.CLUSTER_DISABLED)) {
                recovery.run();
            } else {
                sim.proposeVia(self, CONSENSUS_TIMEOUT_SECONDS, UnaryOperator.identity(), recovery);
            }
        });
    }

    private static Reply formatError(String detail) {
        return ApiJson.validationError(400, "Format error in JSON body: " + detail);
    }

    private static JsonNode parse(String raw) {
        try {
            return raw.isBlank() ? null : ApiJson.MAPPER.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json == null ? null : json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
