package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * {@code POST /collections/{name}/cluster} with {@code move_shard}, {@code replicate_shard},
 * {@code abort_transfer} and {@code drop_replica}, checked in Qdrant's order (API.md §7): body, access,
 * standalone, collection, pre-checks on this node, the proposal, then the apply-time checks, whose
 * refusal still uses up a commit index.
 */
final class ClusterUpdateEndpoint {

    private static final long DEFAULT_TIMEOUT_SECONDS = 10;

    private ClusterUpdateEndpoint() {
    }

    static Reply update(SimulatedNode node, Request request, String name) {
        long timeout;
        try {
            timeout = QueryParams.unsigned(request, "timeout", 1).orElse(DEFAULT_TIMEOUT_SECONDS);
        } catch (QueryParams.Invalid invalid) {
            return invalid.reply;
        }
        String raw = new String(request.body(), StandardCharsets.UTF_8);
        JsonNode body = parse(raw);
        Optional<ClusterOperation> parsed = ClusterOperation.parse(body);
        if (parsed.isEmpty()) {
            Optional<String> other = body == null ? Optional.empty()
                    : ClusterOperation.NOT_SIMULATED.stream().filter(body::has).findFirst();
            if (other.isPresent()) {
                return ApiJson.error(400, "Bad request: the simulator does not carry out " + other.get(), request);
            }
            return ApiJson.validationError(400, "Format error in JSON body: data did not match any variant of "
                    + "untagged enum ClusterOperations at line 1 column " + raw.strip().length());
        }
        ClusterOperation op = parsed.get();
        if (op.startsTransfer() && op.from().equals(op.to())) {
            return ApiJson.validationError(422, "Validation error in JSON body: [" + op.key()
                    + ": cannot transfer shard to itself, \"to_peer_id\" must be different than " + op.from()
                    + " in \"from_peer_id\"]");
        }
        Reply forbidden = ApiJson.forbiddenUnlessManage(request);
        if (forbidden != null) {
            return forbidden;
        }
        if (node.hasFault(Fault.CLUSTER_DISABLED)) {
            return ApiJson.error(405, "Qdrant is running in standalone mode", request);
        }
        return node.simulation().read(sim -> {
            Optional<CollectionState> found = CollectionEndpoints.local(sim, node, name);
            if (found.isEmpty()) {
                return CollectionEndpoints.notFound(name, request);
            }
            CollectionState collection = found.get();
            String refused = precheck(node.raftNode(), collection, op);
            if (refused != null) {
                return ApiJson.error(refused.startsWith("Not found") ? 404 : 400, refused, request);
            }
            AtomicReference<String> applyError = new AtomicReference<>();
            try {
                sim.proposeVia(node.raftNode(), timeout, UnaryOperator.identity(),
                        () -> applyError.set(apply(sim, collection, op)));
            } catch (ConsensusUnavailableException e) {
                Reply failed = ApiJson.error(500, "Service internal error: " + e.getMessage(), timeout);
                return sim.clockIsManual() ? failed : Reply.after(Duration.ofSeconds(timeout), () -> failed);
            }
            if (applyError.get() != null) {
                return ApiJson.error(400, applyError.get(), request);
            }
            return ApiJson.ok(BooleanNode.TRUE, request);
        });
    }

    /** Checks on the node asked, before anything is proposed. */
    static String precheck(RaftNode self, CollectionState collection, ClusterOperation op) {
        if (op.kind() == ClusterOperation.Kind.ABORT_TRANSFER) {
            return collection.transfer(op.shardId(), op.from(), op.to()).isPresent() ? null
                    : "Not found: Shard transfer " + op.from() + " -> " + op.to() + " for collection "
                    + collection.name + ":" + op.shardId() + " does not exist";
        }
        if (!collection.shards.containsKey(op.shardId())) {
            return "Bad request: Shard " + op.shardId() + " of " + collection.name + " does not exist";
        }
        if (op.to() != null && !self.membership.contains(op.to())) {
            return "Bad request: Peer " + op.to() + " does not exist";
        }
        if (!self.membership.contains(op.from())) {
            return "Bad request: Peer " + op.from() + " does not exist";
        }
        return null;
    }

    /** Applies the committed entry; returns Qdrant's refusal text, or null when it took effect. */
    static String apply(Simulation sim, CollectionState collection, ClusterOperation op) {
        CollectionState.Shard shard = collection.shards.get(op.shardId());
        switch (op.kind()) {
            case MOVE_SHARD, REPLICATE_SHARD -> {
                ReplicaState source = shard == null ? null : shard.replicas().get(op.from());
                if (source == null || !CollectionState.ACTIVE.contains(source)) {
                    return "Bad request: Shard " + op.shardId() + " is not active on peer " + op.from();
                }
                Optional<ShardTransfer> running = collection.conflicting(op.shardId(), op.from(), op.to());
                if (running.isPresent()) {
                    return "Bad request: Shard " + op.shardId() + " is already involved in transfer "
                            + running.get().from() + " -> " + running.get().to();
                }
                collection.begin(op.shardId(), op.from(), op.to(),
                        op.kind() == ClusterOperation.Kind.REPLICATE_SHARD, op.method(), sim.now());
                return null;
            }
            case ABORT_TRANSFER -> {
                Optional<ShardTransfer> transfer = collection.transfer(op.shardId(), op.from(), op.to());
                if (transfer.isEmpty()) {
                    return "Bad request: There is no transfer for shard " + op.shardId() + " from " + op.from()
                            + " to " + op.to();
                }
                collection.abort(transfer.get());
                return null;
            }
            case DROP_REPLICA -> {
                if (shard == null || !shard.replicas().containsKey(op.from())) {
                    return "Bad request: Peer " + op.from() + " has no replica of shard " + op.shardId();
                }
                if (CollectionState.activeOthers(shard, op.from()) == 0) {
                    return "Bad request: Shard " + op.shardId() + " must have at least one active replica after "
                            + "removing " + op.from();
                }
                collection.transfers.stream()
                        .filter(t -> t.shardId() == op.shardId() && t.involves(op.from()))
                        .toList()
                        .forEach(collection::abort);
                shard.replicas().remove(op.from());
                return null;
            }
            default -> throw new IllegalStateException("unknown operation " + op.kind());
        }
    }

    private static JsonNode parse(String raw) {
        try {
            return raw.isBlank() ? null : ApiJson.MAPPER.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }
}
