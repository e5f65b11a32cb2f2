package io.qdrantvigil.sandbox.qdrant;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** A running shard transfer; it streams records at a fixed simulated rate until the shard is copied. */
record ShardTransfer(int shardId, PeerId from, PeerId to, boolean sync, String method, Instant startedAt,
                     long points) {

    static final long POINTS_PER_SECOND = 400;

    long transferred(Instant now) {
        long millis = Math.max(0, Duration.between(startedAt, now).toMillis());
        return Math.min(points, millis * POINTS_PER_SECOND / 1000);
    }

    boolean finished(Instant now) {
        return transferred(now) >= points;
    }

    /** The progress text Qdrant shows on the source peer only. */
    String comment(Instant now) {
        double elapsed = Math.max(0, Duration.between(startedAt, now).toMillis()) / 1000.0;
        long done = transferred(now);
        double eta = (points - done) / (double) POINTS_PER_SECOND;
        return String.format(Locale.ROOT, "transferring (%.2fs) | Transferring records (%d/%d), ETA: %.2fs",
                elapsed, done, points, eta);
    }
}
