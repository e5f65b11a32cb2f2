package io.qdrantvigil.sandbox.qdrant;

/**
 * A collection created when the cluster starts: its shards and their replicas are placed round-robin
 * over the nodes, as Qdrant does.
 */
public record CollectionSpec(String name, int shardNumber, int replicationFactor, long pointsPerShard) {

    public CollectionSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("collection name is required");
        }
        if (shardNumber < 1 || replicationFactor < 1 || pointsPerShard < 0) {
            throw new IllegalArgumentException("shards and replication factor must be at least 1: " + name);
        }
    }

    public static CollectionSpec of(String name, int shardNumber, int replicationFactor) {
        return new CollectionSpec(name, shardNumber, replicationFactor, 4000);
    }
}
