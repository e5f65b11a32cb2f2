package io.qdrantvigil.sandbox.qdrant;

import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: Prometheus text with Qdrant's {@code cluster_*} family, not wrapped. */
final class MetricsEndpoint {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsEndpoint() {
    }

    static Reply metrics(SimulatedNode node) {
        String text = node.simulation().read(sim -> {
            StringBuilder out = new StringBuilder();
            metric(out, "app_info", "gauge", "information about qdrant server");
            out.append("app_info{name=\"qdrant\",version=\"").append(ServiceEndpoints.VERSION).append("\"} 1\n");
            metric(out, "collections_total", "gauge", "number of collections");
            out.append("collections_total ").append(sim.collections().size()).append('\n');
            metric(out, "cluster_enabled", "gauge", "is cluster support enabled");
            if (node.hasFault(Fault.CLUSTER_DISABLED)) {
                out.append("cluster_enabled 0\n");
                return out.toString();
            }
            out.append("cluster_enabled 1\n");
            RaftNode raft = node.raftNode();
            metric(out, "cluster_peers_total", "gauge", "total number of cluster peers");
            out.append("cluster_peers_total ").append(raft.membership.uris().size()).append('\n');
            metric(out, "cluster_term", "counter", "current cluster term");
            out.append("cluster_term ").append(raft.term).append('\n');
            metric(out, "cluster_commit", "counter",
                    "index of last committed (finalized) operation cluster peer is aware of");
            out.append("cluster_commit{peer_id=\"").append(raft.id).append("\"} ").append(raft.commit).append('\n');
            metric(out, "cluster_pending_operations_total", "gauge",
                    "total number of pending operations for cluster peer");
            out.append("cluster_pending_operations_total ").append(raft.pending).append('\n');
            metric(out, "cluster_voter", "gauge", "is cluster peer a voter or learner");
            out.append("cluster_voter ").append(raft.membership.isVoter(raft.id) ? 1 : 0).append('\n');
            boolean working = raft.consensusStatus().equals("working");
            if (working) {
                metric(out, "cluster_last_update_timestamp_seconds", "counter", "unix timestamp of last update");
                out.append("cluster_last_update_timestamp_seconds ").append(raft.lastUpdate.getEpochSecond())
                        .append('\n');
            }
            metric(out, "cluster_working_state", "gauge", "working state of the cluster");
            out.append("cluster_working_state{state=\"working\"} ").append(working ? 1 : 0).append('\n');
            out.append("cluster_working_state{state=\"stopped\"} ").append(working ? 0 : 1).append('\n');
            return out.toString();
        });
        return Reply.bytes(200, CONTENT_TYPE, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void metric(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
