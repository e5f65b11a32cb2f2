package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.node.BooleanNode;
import java.time.Duration;
import java.util.Optional;

/** {@code GET /cluster}, {@code DELETE /cluster/peer/{id}} and {@code POST /cluster/recover}. */
final class ClusterEndpoints {

    private static final long DEFAULT_TIMEOUT_SECONDS = 10;

    private ClusterEndpoints() {
    }

    static Reply status(SimulatedNode node, Request request) {
        Optional<FaultSpec> huge = node.activeFault(Fault.HUGE_BODY, request.path());
        return node.simulation().read(sim -> {
            if (node.hasFault(Fault.CLUSTER_DISABLED)) {
                return ApiJson.ok(ClusterJson.disabled(), request);
            }
            if (huge.isPresent()) {
                return HugeClusterBody.of(node.raftNode(), huge.get().bodyBytes(), request, sim.now());
            }
            return ApiJson.ok(ClusterJson.enabled(node.raftNode()), request);
        });
    }

    /** Checks in Qdrant's order: path, query, manage access, shards on the peer, standalone, consensus. */
    static Reply removePeer(SimulatedNode node, Request request, String idText) {
        PeerId target;
        try {
            target = PeerId.parse(idText);
        } catch (NumberFormatException e) {
            return Reply.text(404, "Path deserialize error: can not parse \"" + idText + "\" to a u64");
        }
        boolean force;
        long timeout;
        try {
            force = QueryParams.bool(request, "force", false);
            timeout = QueryParams.unsigned(request, "timeout", 1).orElse(DEFAULT_TIMEOUT_SECONDS);
        } catch (QueryParams.Invalid invalid) {
            return invalid.reply;
        }
        Reply forbidden = ApiJson.forbiddenUnlessManage(request);
        if (forbidden != null) {
            return forbidden;
        }
        return node.simulation().read(sim -> {
            if (sim.hasReplicaOn(target) && !force) {
                return ApiJson.error(400, "Bad request: Cannot remove peer " + target + " as there are shards on it",
                        request);
            }
            if (node.hasFault(Fault.CLUSTER_DISABLED)) {
                return ApiJson.error(405, "Qdrant is running in standalone mode", request);
            }
            try {
                sim.proposeVia(node.raftNode(), timeout, m -> m.without(target), () -> sim.dropReplicasOn(target));
            } catch (ConsensusUnavailableException e) {
                return afterWaiting(node, timeout,
                        ApiJson.error(500, "Service internal error: " + e.getMessage(), timeout));
            }
            return ApiJson.ok(BooleanNode.TRUE, request);
        });
    }

    static Reply recover(SimulatedNode node, Request request) {
        Reply forbidden = ApiJson.forbiddenUnlessManage(request);
        if (forbidden != null) {
            return forbidden;
        }
        return node.simulation().read(sim -> {
            if (node.hasFault(Fault.CLUSTER_DISABLED)) {
                return ApiJson.error(405, "Qdrant is running in standalone mode", request);
            }
            // Asks the leader for a snapshot and returns at once; a reachable leader's state arrives with it.
            RaftNode self = node.raftNode();
            sim.leader().filter(leader -> leader != self && self.working() && sim.reachable(self, leader))
                    .ifPresent(leader -> self.applyCommitted(leader.membership, leader.commit));
            return ApiJson.ok(BooleanNode.TRUE, request);
        });
    }

    /** Under the real clock a failed wait takes its timeout, as in Qdrant; tests on a manual clock need not wait. */
    private static Reply afterWaiting(SimulatedNode node, long timeoutSeconds, Reply reply) {
        return node.simulation().clockIsManual() ? reply : Reply.after(Duration.ofSeconds(timeoutSeconds), () -> reply);
    }
}
