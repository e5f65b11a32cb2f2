package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code POST /collections/{n}/cluster} body as Qdrant's untagged {@code ClusterOperations} reads it:
 * the variants are tried in order and the first that deserializes wins (API.md §7).
 */
record ClusterOperation(Kind kind, int shardId, PeerId from, PeerId to, String method) {

    enum Kind { MOVE_SHARD, REPLICATE_SHARD, ABORT_TRANSFER, DROP_REPLICA }

    /** Qdrant's other variants; the simulator does not carry out these. */
    static final List<String> NOT_SIMULATED = List.of("create_sharding_key", "drop_sharding_key", "restart_transfer",
            "start_resharding", "abort_resharding", "replicate_points");
    private static final List<String> METHODS = List.of("stream_records", "snapshot", "wal_delta",
            "resharding_stream_records");
    /** What a request without {@code method} gets since 1.18 ({@code default_shard_transfer_method}). */
    static final String DEFAULT_METHOD = "snapshot";
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** A u32 in Qdrant; ids above Java's int range are not simulated. */
    private static final long MAX_SHARD_ID = Integer.MAX_VALUE;

    /** The first variant the body matches, if any. */
    static Optional<ClusterOperation> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        Optional<ClusterOperation> move = transfer(body.get("move_shard"), Kind.MOVE_SHARD);
        if (move.isPresent()) {
            return move;
        }
        Optional<ClusterOperation> replicate = transfer(body.get("replicate_shard"), Kind.REPLICATE_SHARD);
        if (replicate.isPresent()) {
            return replicate;
        }
        JsonNode abort = body.get("abort_transfer");
        if (abort != null && abort.isObject()) {
            Optional<Integer> shard = shardId(abort.get("shard_id"));
            Optional<PeerId> from = peer(abort.get("from_peer_id"));
            Optional<PeerId> to = peer(abort.get("to_peer_id"));
            if (shard.isPresent() && from.isPresent() && to.isPresent()) {
                return Optional.of(new ClusterOperation(Kind.ABORT_TRANSFER, shard.get(), from.get(), to.get(), null));
            }
        }
        JsonNode drop = body.get("drop_replica");
        if (drop != null && drop.isObject()) {
            Optional<Integer> shard = shardId(drop.get("shard_id"));
            Optional<PeerId> peer = peer(drop.get("peer_id"));
            if (shard.isPresent() && peer.isPresent()) {
                return Optional.of(new ClusterOperation(Kind.DROP_REPLICA, shard.get(), peer.get(), null, null));
            }
        }
        return Optional.empty();
    }

    boolean startsTransfer() {
        return kind == Kind.MOVE_SHARD || kind == Kind.REPLICATE_SHARD;
    }

    /** The JSON key of the variant, e.g. {@code move_shard}. */
    String key() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static Optional<ClusterOperation> transfer(JsonNode json, Kind kind) {
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        Optional<Integer> shard = shardId(json.get("shard_id"));
        Optional<PeerId> from = peer(json.get("from_peer_id"));
        Optional<PeerId> to = peer(json.get("to_peer_id"));
        JsonNode method = json.get("method");
        boolean methodOk = method == null || method.isNull() || (method.isTextual() && METHODS.contains(method.asText()));
        if (shard.isEmpty() || from.isEmpty() || to.isEmpty() || !methodOk) {
            return Optional.empty();
        }
        String chosen = method == null || method.isNull() ? DEFAULT_METHOD : method.asText();
        return Optional.of(new ClusterOperation(kind, shard.get(), from.get(), to.get(), chosen));
    }

    private static Optional<Integer> shardId(JsonNode json) {
        if (json == null || !json.isIntegralNumber() || json.bigIntegerValue().signum() < 0
                || json.bigIntegerValue().compareTo(BigInteger.valueOf(MAX_SHARD_ID)) > 0) {
            return Optional.empty();
        }
        return Optional.of((int) json.longValue());
    }

    private static Optional<PeerId> peer(JsonNode json) {
        if (json == null || !json.isIntegralNumber()) {
            return Optional.empty();
        }
        BigInteger value = json.bigIntegerValue();
        if (value.signum() < 0 || value.compareTo(MAX_U64) > 0) {
            return Optional.empty();
        }
        return Optional.of(new PeerId(value.longValue()));
    }
}
