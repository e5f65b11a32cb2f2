package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Renders collection results: the list, {@code CollectionInfo} and {@code CollectionClusterInfo}. */
final class CollectionJson {

    private CollectionJson() {
    }

    static ObjectNode list(Collection<CollectionState> collections) {
        ObjectNode result = ApiJson.object();
        ArrayNode names = result.putArray("collections");
        collections.forEach(c -> names.addObject().put("name", c.name));
        return result;
    }

    static ObjectNode info(CollectionState collection) {
        ObjectNode result = ApiJson.object();
        result.put("status", "green");
        result.put("optimizer_status", "ok");
        result.put("indexed_vectors_count", 0);
        result.put("points_count", collection.points());
        result.put("segments_count", collection.shards.size() * 2);
        ObjectNode config = result.putObject("config");
        ObjectNode params = config.putObject("params");
        params.putObject("vectors").put("size", 384).put("distance", "Cosine");
        params.put("shard_number", collection.shards.size());
        params.put("replication_factor", collection.replicationFactor);
        params.put("write_consistency_factor", 1);
        params.put("on_disk_payload", true);
        config.putObject("hnsw_config")
                .put("m", 16).put("ef_construct", 100).put("full_scan_threshold", 10000)
                .put("max_indexing_threads", 0).put("on_disk", false);
        config.putObject("optimizer_config")
                .put("deleted_threshold", 0.2).put("vacuum_min_vector_number", 1000).put("default_segment_number", 0)
                .putNull("max_segment_size").putNull("memmap_threshold").put("indexing_threshold", 10000)
                .put("flush_interval_sec", 5).putNull("max_optimization_threads").putNull("prevent_unoptimized");
        config.putObject("wal_config")
                .put("wal_capacity_mb", 32).put("wal_segments_ahead", 0).put("wal_retain_closed", 1);
        config.putNull("quantization_config");
        result.putObject("payload_schema");
        result.putObject("update_queue").put("length", 0);
        return result;
    }

    /** The collection as the peer {@code viewer} sees it: its replicas local, everyone else's remote. */
    static ObjectNode cluster(CollectionState collection, PeerId viewer, Simulation sim) {
        Instant now = sim.now();
        ObjectNode result = ApiJson.object();
        result.set("peer_id", ApiJson.peerId(viewer));
        result.put("shard_count", collection.shards.size());
        ArrayNode local = result.putArray("local_shards");
        ArrayNode remote = result.putArray("remote_shards");
        for (Map.Entry<Integer, CollectionState.Shard> shard : collection.shards.entrySet()) {
            for (Map.Entry<PeerId, ReplicaState> replica : shard.getValue().replicas().entrySet()) {
                ReplicaState state = PeerView.state(sim, viewer, replica.getKey(), replica.getValue());
                if (replica.getKey().equals(viewer)) {
                    local.addObject().put("shard_id", shard.getKey())
                            .put("points_count", collection.localPoints(shard.getKey(), viewer))
                            .put("state", state.name());
                } else {
                    ObjectNode entry = remote.addObject().put("shard_id", shard.getKey());
                    entry.set("peer_id", ApiJson.peerId(replica.getKey()));
                    entry.put("state", state.name());
                }
            }
        }
        ArrayNode transfers = result.putArray("shard_transfers");
        for (ShardTransfer transfer : collection.transfers) {
            ObjectNode entry = transfer(transfer);
            String comment = PeerView.comment(transfer, viewer, now);
            if (comment != null) {
                entry.put("comment", comment);
            }
            transfers.add(entry);
        }
        return result;
    }

    /** {@code ShardTransferInfo} without its comment. */
    static ObjectNode transfer(ShardTransfer transfer) {
        ObjectNode entry = ApiJson.object().put("shard_id", transfer.shardId());
        entry.set("from", ApiJson.peerId(transfer.from()));
        entry.set("to", ApiJson.peerId(transfer.to()));
        entry.put("sync", transfer.sync());
        entry.put("method", transfer.method());
        return entry;
    }
}
