package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Renders a node's {@code ClusterStatus} (the {@code result} of {@code GET /cluster}). */
final class ClusterJson {

    private ClusterJson() {
    }

    static ObjectNode disabled() {
        return ApiJson.object().put("status", "disabled");
    }

    static ObjectNode enabled(RaftNode node) {
        ObjectNode result = ApiJson.object();
        result.put("status", "enabled");
        result.set("peer_id", ApiJson.peerId(node.id));
        ObjectNode peers = result.putObject("peers");
        node.membership.uris().forEach((id, uri) -> peers.putObject(id.toString()).put("uri", uri));

        ObjectNode raft = result.putObject("raft_info");
        raft.put("term", node.term);
        raft.put("commit", node.commit);
        raft.put("pending_operations", node.pending);
        if (node.softStateKnown) {
            raft.set("leader", ApiJson.peerId(node.leader));
            raft.put("role", node.role.name());
        } else {
            raft.putNull("leader");
            raft.putNull("role");
        }
        raft.put("is_voter", node.membership.isVoter(node.id));

        ObjectNode consensus = result.putObject("consensus_thread_status");
        String status = node.consensusStatus();
        consensus.put("consensus_thread_status", status);
        if (status.equals("working")) {
            consensus.put("last_update", ApiJson.timestamp(node.lastUpdate));
        } else if (status.equals("stopped_with_err")) {
            consensus.put("err", node.consensusError());
        }

        ObjectNode failures = result.putObject("message_send_failures");
        for (Map.Entry<String, SendFailure> entry : node.sendFailures.entrySet()) {
            failures.putObject(entry.getKey())
                    .put("count", entry.getValue().count())
                    .put("latest_error", entry.getValue().latestError())
                    .put("latest_error_timestamp", ApiJson.timestamp(entry.getValue().latestErrorTimestamp()));
        }
        return result;
    }
}
