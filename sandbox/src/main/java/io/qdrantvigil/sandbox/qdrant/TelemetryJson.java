package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code DistributedTelemetryData} (API.md §14): the base peer decides which collections,
 * replicas and peers are listed; every other responsive peer adds only facts about itself (its local
 * shard stats, its transfer comments, its details).
 */
final class TelemetryJson {

    /** An unnamed 384-dimensional float vector, and payloads of the size the shared examples show. */
    private static final long VECTOR_BYTES_PER_POINT = 384 * 4;
    private static final long PAYLOAD_BYTES_PER_POINT = 149;

    private TelemetryJson() {
    }

    static ObjectNode render(Simulation sim, RaftNode base, Map<PeerId, Boolean> responsive, int detailsLevel) {
        ObjectNode result = ApiJson.object();
        ObjectNode collections = result.putObject("collections");
        for (CollectionState collection : sim.collections()) {
            if (PeerView.hasCollection(sim, base.id, collection.name)) {
                collections.set(collection.name, collection(sim, collection, base, responsive, detailsLevel));
            }
        }
        ObjectNode cluster = result.putObject("cluster");
        cluster.put("enabled", true);
        cluster.put("number_of_peers", base.membership.uris().size());
        ObjectNode peers = cluster.putObject("peers");
        base.membership.uris().forEach((id, uri) -> {
            ObjectNode peer = peers.putObject(id.toString()).put("uri", uri);
            boolean answered = responsive.getOrDefault(id, false);
            peer.put("responsive", answered);
            if (answered) {
                peer.set("details", details(sim, sim.node(id)));
            } else {
                peer.putNull("details");
            }
        });
        return result;
    }

    private static ObjectNode collection(Simulation sim, CollectionState collection, RaftNode base,
                                         Map<PeerId, Boolean> responsive, int detailsLevel) {
        ObjectNode json = ApiJson.object().put("id", collection.name);
        if (detailsLevel < 3) {
            return json;
        }
        if (!collection.shards.isEmpty()) {
            ArrayNode shards = json.putArray("shards");
            collection.shards.forEach((shardId, shard) -> {
                ObjectNode shardJson = shards.addObject().put("id", shardId);
                ArrayNode replicas = shardJson.putArray("replicas");
                List<PeerId> hosts = new ArrayList<>(shard.replicas().keySet());
                hosts.sort(null);
                for (PeerId host : hosts) {
                    ReplicaState state = PeerView.state(sim, base.id, host, shard.replicas().get(host));
                    ObjectNode replica = replicas.addObject();
                    replica.set("peer_id", ApiJson.peerId(host));
                    replica.put("state", state.name());
                    if (responsive.getOrDefault(host, false) && PeerView.hasCollection(sim, host, collection.name)) {
                        addLocalStats(replica, collection, shardId, host);
                    }
                }
            });
        }
        if (!collection.transfers.isEmpty()) {
            ArrayNode transfers = json.putArray("shard_transfers");
            Instant now = sim.now();
            for (ShardTransfer transfer : collection.transfers) {
                ObjectNode entry = CollectionJson.transfer(transfer);
                boolean sourceAnswered = responsive.getOrDefault(transfer.from(), false);
                String comment = PeerView.comment(transfer, sourceAnswered ? transfer.from() : base.id, now);
                String destination = responsive.getOrDefault(transfer.to(), false)
                        ? PeerView.comment(transfer, transfer.to(), now) : null;
                String merged = comment == null ? destination
                        : destination == null ? comment : comment + " | " + destination;
                if (merged != null && !merged.isEmpty()) {
                    entry.put("comment", merged);
                }
                transfers.add(entry);
            }
        }
        return json;
    }

    /** The hosting peer's own stats; a transfer source is behind a proxy, which reports no status. */
    private static void addLocalStats(ObjectNode replica, CollectionState collection, int shardId, PeerId host) {
        boolean proxied = collection.transfers.stream().anyMatch(t -> t.shardId() == shardId && t.from().equals(host));
        boolean receiving = collection.transfers.stream().anyMatch(t -> t.shardId() == shardId && t.to().equals(host));
        long points = collection.localPoints(shardId, host);
        if (!proxied) {
            replica.put("status", "green");
        }
        ReplicaState state = collection.shards.get(shardId).replicas().get(host);
        replica.put("total_optimized_points", receiving || state == ReplicaState.Initializing ? 0 : points);
        replica.put("vectors_size_bytes", points * VECTOR_BYTES_PER_POINT);
        replica.put("payloads_size_bytes", points * PAYLOAD_BYTES_PER_POINT);
        replica.put("num_points", points);
        replica.put("num_vectors", points);
        if (points > 0) {
            replica.putObject("num_vectors_by_name").put("", points);
        }
    }

    private static ObjectNode details(Simulation sim, RaftNode node) {
        ObjectNode details = ApiJson.object();
        details.put("version", sim.fault(node.id, Fault.VERSION).map(FaultSpec::version)
                .orElse(ServiceEndpoints.VERSION));
        if (node.softStateKnown) {
            details.put("role", node.role.name());
        } else {
            details.putNull("role");
        }
        details.put("is_voter", node.membership.isVoter(node.id));
        details.put("term", node.term);
        details.put("commit", node.commit);
        details.put("num_pending_operations", node.pending);
        ObjectNode consensus = details.putObject("consensus_thread_status");
        String status = node.consensusStatus();
        consensus.put("consensus_thread_status", status);
        if (status.equals("working")) {
            consensus.put("last_update", ApiJson.timestampMillis(node.lastUpdate));
        } else if (status.equals("stopped_with_err")) {
            consensus.put("err", node.consensusError());
        }
        return details;
    }
}
