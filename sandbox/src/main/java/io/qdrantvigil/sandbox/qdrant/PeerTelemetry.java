package io.qdrantvigil.sandbox.qdrant;

import java.time.Duration;

/**
 * Whether one peer answers the internal telemetry call of another, and what the call costs (API.md §14):
 * a refused connection ~0.4 s after the pool's retries, a host cut off by a partition ~6.4 s (three 2 s
 * connect timeouts plus back-off), a hung peer the request's timeout, a slow one its delay.
 */
record PeerTelemetry(PeerId peer, boolean responsive, Duration cost) {

    static final Duration REFUSED = Duration.ofMillis(400);
    static final Duration UNREACHABLE = Duration.ofMillis(6400);

    /** How {@code peer} answers {@code asking}, whose timeout is {@code timeout}. */
    static PeerTelemetry ask(Simulation sim, RaftNode asking, PeerId peer, Duration timeout) {
        if (peer.equals(asking.id)) {
            return new PeerTelemetry(peer, true, Duration.ZERO);
        }
        RaftNode node = sim.node(peer);
        if (node == null || !node.running) {
            return new PeerTelemetry(peer, false, REFUSED);
        }
        if (!sim.reachable(asking, node)) {
            return new PeerTelemetry(peer, false, UNREACHABLE);
        }
        boolean old = sim.fault(peer, Fault.VERSION).filter(f -> f.versionBelow(1, 17)).isPresent();
        if (old || sim.hasFault(peer, Fault.TELEMETRY_FAILING) || wholeNode(sim, peer, Fault.HTTP_500)) {
            return new PeerTelemetry(peer, false, Duration.ZERO);
        }
        if (wholeNode(sim, peer, Fault.HUNG)) {
            return new PeerTelemetry(peer, false, timeout);
        }
        Duration delay = sim.fault(peer, Fault.SLOW).filter(f -> f.pathPrefix() == null)
                .map(FaultSpec::delay).orElse(Duration.ZERO);
        if (delay.compareTo(timeout) >= 0) {
            return new PeerTelemetry(peer, false, timeout);
        }
        return new PeerTelemetry(peer, true, delay);
    }

    /** An HTTP-level fault without a path prefix stands for the whole process, its p2p port included. */
    private static boolean wholeNode(Simulation sim, PeerId peer, Fault fault) {
        return sim.fault(peer, fault).filter(f -> f.pathPrefix() == null).isPresent();
    }
}
