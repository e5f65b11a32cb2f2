package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/** {@code GET /}, the health probes and {@code GET /issues}. */
final class ServiceEndpoints {

    static final String VERSION = "1.19.0";
    static final String COMMIT = "74f3e85b9473c62560006c043e13737ce6b48412";
    /** {@code /readyz} waits this long for readiness before answering 503. */
    static final Duration READINESS_WAIT = Duration.ofMillis(500);

    private ServiceEndpoints() {
    }

    /** Not wrapped: {@code {"title":...,"version":...,"commit":...}}. */
    static Reply root(SimulatedNode node) {
        String version = node.activeFault(Fault.VERSION, "/").map(FaultSpec::version).orElse(VERSION);
        ObjectNode body = ApiJson.object()
                .put("title", "qdrant - vector search engine")
                .put("version", version)
                .put("commit", COMMIT);
        return Reply.json(200, body);
    }

    static Reply healthz() {
        return Reply.text(200, "healthz check passed");
    }

    static Reply readyz(SimulatedNode node) {
        if (node.isReady()) {
            return Reply.text(200, "all shards are ready");
        }
        return Reply.after(READINESS_WAIT, () -> node.isReady()
                ? Reply.text(200, "all shards are ready")
                : Reply.text(503, "some shards are not ready"));
    }

    static Reply issues(SimulatedNode node, Request request) {
        if (!node.hasFault(Fault.ISSUES)) {
            return ApiJson.ok(IssuesJson.none(), request);
        }
        return node.simulation().read(sim -> {
            String collection = sim.collections().stream().findFirst().map(c -> c.name).orElse("products");
            return ApiJson.ok(IssuesJson.some(collection, sim.now()), request);
        });
    }
}
