package io.qdrantvigil.sandbox.qdrant;

import java.util.Optional;

/** {@code GET /collections}, {@code GET /collections/{name}} and {@code GET /collections/{name}/cluster}. */
final class CollectionEndpoints {

    private static final String READ_FAILURE =
            "Service internal error: Failed to read collection config: No such file or directory (os error 2)";

    private CollectionEndpoints() {
    }

    static Reply list(SimulatedNode node, Request request) {
        if (node.hasFault(Fault.COLLECTIONS_FAILING)) {
            return ApiJson.error(500, READ_FAILURE, request);
        }
        return node.simulation().read(sim -> ApiJson.ok(CollectionJson.list(sim.collections().stream()
                .filter(c -> PeerView.hasCollection(sim, node.raftNode().id, c.name)).toList()), request));
    }

    static Reply info(SimulatedNode node, Request request, String name) {
        if (node.hasFault(Fault.COLLECTIONS_FAILING)) {
            return ApiJson.error(500, READ_FAILURE, request);
        }
        return node.simulation().read(sim -> local(sim, node, name)
                .map(c -> ApiJson.ok(CollectionJson.info(c), request))
                .orElseGet(() -> notFound(name, request)));
    }

    static Reply cluster(SimulatedNode node, Request request, String name) {
        return node.simulation().read(sim -> {
            Optional<CollectionState> collection = local(sim, node, name);
            return collection.map(c -> ApiJson.ok(CollectionJson.cluster(c, node.raftNode().id, sim), request))
                    .orElseGet(() -> notFound(name, request));
        });
    }

    /** The collection if this node has it (COLLECTION_MISSING hides it here only). */
    static Optional<CollectionState> local(Simulation sim, SimulatedNode node, String name) {
        return sim.collection(name).filter(c -> PeerView.hasCollection(sim, node.raftNode().id, name));
    }

    static Reply notFound(String name, Request request) {
        return ApiJson.error(404, "Not found: Collection `" + name + "` doesn't exist!", request);
    }
}
