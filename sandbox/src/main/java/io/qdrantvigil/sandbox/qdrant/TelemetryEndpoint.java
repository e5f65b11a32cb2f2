package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /cluster/telemetry} (Qdrant 1.17+, API.md §14): the node asks every peer in its address
 * book, itself included; the answer with the highest (term, commit) is the base. It takes as long as the
 * slowest call: in real time on the real clock, and only in {@code time} on a manual clock.
 */
final class TelemetryEndpoint {

    static final String NO_TELEMETRY = "Service internal error: Could not get telemetry from cluster";
    private static final long DEFAULT_TIMEOUT_SECONDS = 60;

    private TelemetryEndpoint() {
    }

    static Reply telemetry(SimulatedNode node, Request request) {
        if (node.activeFault(Fault.VERSION, "/").filter(f -> f.versionBelow(1, 17)).isPresent()) {
            return Reply.empty(404);
        }
        int detailsLevel;
        Duration timeout;
        try {
            detailsLevel = (int) Math.min(Integer.MAX_VALUE, QueryParams.unsigned(request, "details_level", 0)
                    .orElse(0L));
            timeout = Duration.ofSeconds(QueryParams.unsigned(request, "timeout", 1).orElse(DEFAULT_TIMEOUT_SECONDS));
        } catch (QueryParams.Invalid invalid) {
            return invalid.reply;
        }
        if (node.hasFault(Fault.CLUSTER_DISABLED) || node.hasFault(Fault.TELEMETRY_FAILING)) {
            return ApiJson.error(500, NO_TELEMETRY, request);
        }
        int level = Math.max(2, detailsLevel);
        return node.simulation().read(sim -> {
            RaftNode self = node.raftNode();
            List<PeerTelemetry> calls = self.membership.uris().keySet().stream()
                    .map(peer -> PeerTelemetry.ask(sim, self, peer, timeout))
                    .toList();
            Map<PeerId, Boolean> responsive = new LinkedHashMap<>();
            calls.forEach(call -> responsive.put(call.peer(), call.responsive()));
            RaftNode base = calls.stream()
                    .filter(PeerTelemetry::responsive)
                    .map(call -> sim.node(call.peer()))
                    .max(Comparator.<RaftNode>comparingLong(n -> n.term)
                            .thenComparingLong(n -> n.commit)
                            .thenComparing(n -> n == self))
                    .orElse(self);
            ObjectNode result = TelemetryJson.render(sim, base, responsive, level);
            Duration wait = calls.stream().map(PeerTelemetry::cost).max(Comparator.naturalOrder())
                    .orElse(Duration.ZERO);
            if (sim.clockIsManual() || wait.isZero()) {
                return ApiJson.ok(result, request.elapsedSeconds() + wait.toNanos() / 1e9);
            }
            return Reply.after(wait, () -> ApiJson.ok(result, request.elapsedSeconds()));
        });
    }
}
