package io.qdrantvigil.sandbox.qdrant;

/** A running shard transfer as tests see it; peer ids in decimal. */
public record TransferView(int shardId, String fromPeerId, String toPeerId, boolean sync, String method,
                           long transferred, long points) {
}
