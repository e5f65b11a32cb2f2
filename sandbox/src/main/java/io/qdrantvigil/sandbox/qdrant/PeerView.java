package io.qdrantvigil.sandbox.qdrant;

import java.time.Instant;

/** What one peer knows of the shared state: its faults can hide a collection or skew its replica states. */
final class PeerView {

    private PeerView() {
    }

    /**
     * The state of {@code host}'s replica as {@code viewer} reports it. A DIVERGENT_VIEW peer has missed
     * entries: it shows other peers' Active replicas as Dead and their Dead replicas as Active.
     */
    static ReplicaState state(Simulation sim, PeerId viewer, PeerId host, ReplicaState actual) {
        if (host.equals(viewer) || !sim.hasFault(viewer, Fault.DIVERGENT_VIEW)) {
            return actual;
        }
        return switch (actual) {
            case Active -> ReplicaState.Dead;
            case Dead -> ReplicaState.Active;
            default -> actual;
        };
    }

    static boolean hasCollection(Simulation sim, PeerId viewer, String collection) {
        return !sim.lacksCollection(viewer, collection);
    }

    /** The progress text a peer keeps for a transfer: the source's, or a snapshot destination's; else null. */
    static String comment(ShardTransfer transfer, PeerId peer, Instant now) {
        if (transfer.from().equals(peer)) {
            return transfer.sourceComment(now);
        }
        return transfer.to().equals(peer) ? transfer.destinationComment(now) : null;
    }
}
