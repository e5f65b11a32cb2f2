package io.qdrantvigil.sandbox.qdrant;

import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Requests a HUNG node accepted and does not answer. They hold no thread: the exchange is parked until
 * the fault is healed (then answered) or the process stops (then its connection closes). At most
 * {@link #CAPACITY} are kept; beyond that the oldest connection is closed, so a client that keeps
 * retrying cannot grow memory without bound.
 */
final class HungRequests {

    static final int CAPACITY = 256;

    private record Parked(HttpExchange exchange, Runnable resume) {
    }

    private final Deque<Parked> parked = new ArrayDeque<>();

    synchronized void park(HttpExchange exchange, Runnable resume) {
        if (parked.size() >= CAPACITY) {
            parked.removeFirst().exchange().close();
        }
        parked.addLast(new Parked(exchange, resume));
    }

    synchronized int size() {
        return parked.size();
    }

    /** Hands every parked request back for answering. */
    List<Runnable> release() {
        List<Parked> released;
        synchronized (this) {
            released = List.copyOf(parked);
            parked.clear();
        }
        return released.stream().map(Parked::resume).toList();
    }

    void closeAll() {
        List<Parked> closing;
        synchronized (this) {
            closing = List.copyOf(parked);
            parked.clear();
        }
        closing.forEach(p -> p.exchange().close());
    }
}
