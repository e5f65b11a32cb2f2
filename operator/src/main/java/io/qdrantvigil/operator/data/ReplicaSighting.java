package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.time.Instant;

/** Since when a replica has been in a transitional state (Partial, Recovery, ManualRecovery, Initializing). */
public record ReplicaSighting(String collection, long shard, PeerId peer, String state, Instant since) {}
