package io.qdrantvigil.sandbox.qdrant;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulation's time. A manual clock moves only when a test advances it, so Raft timing (2–4 s
 * election timeouts, 200 ms heartbeats) is tested without waiting; the system clock follows real time
 * for the demo, where a background ticker keeps the simulation moving.
 */
public final class SimClock {

    /** Where manual clocks start by default: the day of the shared Qdrant examples. */
    public static final Instant DEFAULT_START = Instant.parse("2026-08-04T12:30:00Z");

    private final AtomicReference<Instant> manualNow;

    private SimClock(Instant manualStart) {
        this.manualNow = manualStart == null ? null : new AtomicReference<>(manualStart);
    }

    public static SimClock manual() {
        return manual(DEFAULT_START);
    }

    public static SimClock manual(Instant start) {
        return new SimClock(Objects.requireNonNull(start, "start"));
    }

    public static SimClock system() {
        return new SimClock(null);
    }

    public boolean isManual() {
        return manualNow != null;
    }

    public Instant now() {
        return isManual() ? manualNow.get() : Instant.now();
    }

    /** Moves a manual clock forward; the simulation catches up on its next use. */
    public void advance(Duration duration) {
        if (!isManual()) {
            throw new UnsupportedOperationException("the system clock cannot be advanced");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        manualNow.updateAndGet(now -> now.plus(duration));
    }
}
