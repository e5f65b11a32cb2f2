package io.qdrantvigil.sandbox.qdrant;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * How to start a simulated cluster. {@link #defaults()} gives 3 nodes on a manual clock, no API key and
 * one collection {@code products} (3 shards, replication factor 2); the {@code with*} methods change one
 * setting each.
 *
 * @param nodes         how many nodes (ordinals 0..n-1, p2p URIs {@code http://qdrant-N.qdrant-headless:6335/})
 * @param clock         the simulation's time
 * @param seed          seeds peer ids and election timeouts, so a run can be repeated
 * @param legacyPeerIds peer ids above 2^63, as peers first started before Qdrant 1.2 keep
 * @param peerIds       explicit ids for the first nodes (the rest are random)
 * @param apiKey        read-write key, or null for no authentication
 * @param readOnlyApiKey read-only key, or null
 * @param collections   collections present at start
 */
public record ClusterOptions(int nodes, SimClock clock, long seed, boolean legacyPeerIds, List<BigInteger> peerIds,
                             String apiKey, String readOnlyApiKey, List<CollectionSpec> collections) {

    public ClusterOptions {
        if (nodes < 1) {
            throw new IllegalArgumentException("a cluster has at least one node");
        }
        Objects.requireNonNull(clock, "clock");
        peerIds = List.copyOf(peerIds);
        collections = List.copyOf(collections);
    }

    public static ClusterOptions defaults() {
        return new ClusterOptions(3, SimClock.manual(), System.nanoTime(), false, List.of(), null, null,
                List.of(CollectionSpec.of("products", 3, 2)));
    }

    public ClusterOptions withNodes(int count) {
        return new ClusterOptions(count, clock, seed, legacyPeerIds, peerIds, apiKey, readOnlyApiKey, collections);
    }

    public ClusterOptions withClock(SimClock newClock) {
        return new ClusterOptions(nodes, newClock, seed, legacyPeerIds, peerIds, apiKey, readOnlyApiKey, collections);
    }

    public ClusterOptions withSeed(long newSeed) {
        return new ClusterOptions(nodes, clock, newSeed, legacyPeerIds, peerIds, apiKey, readOnlyApiKey, collections);
    }

    public ClusterOptions withLegacyPeerIds() {
        return new ClusterOptions(nodes, clock, seed, true, peerIds, apiKey, readOnlyApiKey, collections);
    }

    public ClusterOptions withPeerIds(BigInteger... ids) {
        return new ClusterOptions(nodes, clock, seed, legacyPeerIds, List.of(ids), apiKey, readOnlyApiKey,
                collections);
    }

    public ClusterOptions withApiKey(String key) {
        return new ClusterOptions(nodes, clock, seed, legacyPeerIds, peerIds, key, readOnlyApiKey, collections);
    }

    public ClusterOptions withReadOnlyApiKey(String key) {
        return new ClusterOptions(nodes, clock, seed, legacyPeerIds, peerIds, apiKey, key, collections);
    }

    public ClusterOptions withCollections(CollectionSpec... specs) {
        return new ClusterOptions(nodes, clock, seed, legacyPeerIds, peerIds, apiKey, readOnlyApiKey, List.of(specs));
    }
}
