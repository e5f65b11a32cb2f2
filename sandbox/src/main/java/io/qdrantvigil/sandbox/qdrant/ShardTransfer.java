package io.qdrantvigil.sandbox.qdrant;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A running shard transfer, advanced tick by tick on the simulated clock. Records move at
 * {@link #POINTS_PER_SECOND}; {@code snapshot} and {@code wal_delta} targets then spend
 * {@link #SYNC_PHASE} in {@code Partial} ("syncing queued updates") before they turn Active. Progress
 * freezes while the transfer is stalled; while the target cannot be reached the source retries (3
 * attempts, 1 s and 2 s apart, API.md §4.3) and then gives up.
 */
final class ShardTransfer {

    static final long POINTS_PER_SECOND = 400;
    static final Duration SYNC_PHASE = Duration.ofMillis(500);
    /** From the first failed attempt to the abort: waits of 1 s and 2 s between the 3 attempts. */
    static final Duration RETRY_WINDOW = Duration.ofSeconds(3);
    /** Qdrant shows an ETA only while some progress was made in about the last 10 s. */
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    /** What a step of the transfer asks the simulation to commit. */
    enum Step { NONE, RECOVERED, FINISHED, FAILED }

    private final int shardId;
    private final PeerId from;
    private final PeerId to;
    private final boolean sync;
    private final String method;
    private final long points;
    private long done;
    private boolean syncing;
    private Instant stageStartedAt;
    private Instant lastProgressAt;
    private Instant failingSince;

    ShardTransfer(int shardId, PeerId from, PeerId to, boolean sync, String method, Instant startedAt, long points) {
        this.shardId = shardId;
        this.from = from;
        this.to = to;
        this.sync = sync;
        this.method = method;
        this.points = points;
        this.stageStartedAt = startedAt;
    }

    int shardId() {
        return shardId;
    }

    PeerId from() {
        return from;
    }

    PeerId to() {
        return to;
    }

    boolean sync() {
        return sync;
    }

    String method() {
        return method;
    }

    long points() {
        return points;
    }

    /** Points the target holds so far. */
    long transferred() {
        return done;
    }

    boolean involves(PeerId peer) {
        return from.equals(peer) || to.equals(peer);
    }

    boolean isSnapshot() {
        return method.equals("snapshot");
    }

    /** The target's state at the start: Recovery for snapshot and wal_delta, else Partial. */
    static ReplicaState receivingState(String method) {
        return method.equals("snapshot") || method.equals("wal_delta") ? ReplicaState.Recovery : ReplicaState.Partial;
    }

    /**
     * One tick of {@code tick} length. {@code sourceUp}: the source's process runs the task;
     * {@code targetReachable}: the source can reach the target; {@code stalled}: the fault freezing progress.
     */
    Step advance(Instant now, Duration tick, boolean sourceUp, boolean targetReachable, boolean stalled) {
        if (!sourceUp) {
            return Step.NONE;
        }
        if (!targetReachable) {
            if (failingSince == null) {
                failingSince = now;
            }
            return Duration.between(failingSince, now).compareTo(RETRY_WINDOW) >= 0 ? Step.FAILED : Step.NONE;
        }
        if (failingSince != null) {
            // A retry that reaches the target starts the copy again.
            failingSince = null;
            done = 0;
            syncing = false;
            stageStartedAt = now;
        }
        if (stalled) {
            return Step.NONE;
        }
        if (syncing) {
            return Duration.between(stageStartedAt, now).compareTo(SYNC_PHASE) >= 0 ? Step.FINISHED : Step.NONE;
        }
        done = Math.min(points, done + POINTS_PER_SECOND * tick.toMillis() / 1000);
        lastProgressAt = now;
        if (done < points) {
            return Step.NONE;
        }
        if (receivingState(method) == ReplicaState.Recovery) {
            syncing = true;
            stageStartedAt = now;
            return Step.RECOVERED;
        }
        return Step.FINISHED;
    }

    /** The source's progress text (API.md §4.3): stage and seconds in it, then records and ETA. */
    String sourceComment(Instant now) {
        if (syncing) {
            return stage("syncing queued updates", now);
        }
        if (isSnapshot()) {
            return stage("recovering", now);
        }
        String records = String.format(Locale.ROOT, "Transferring records (%d/%d)", done, points);
        if (lastProgressAt != null && Duration.between(lastProgressAt, now).compareTo(RATE_WINDOW) < 0) {
            records += String.format(Locale.ROOT, ", ETA: %.2fs", (points - done) / (double) POINTS_PER_SECOND);
        }
        return stage("transferring", now) + " | " + records;
    }

    /** Only the destination of a snapshot transfer has a comment: downloading, unpacking, restoring. */
    String destinationComment(Instant now) {
        if (!isSnapshot() || syncing) {
            return null;
        }
        double fraction = points == 0 ? 1 : done / (double) points;
        String stage = fraction < 0.6 ? "downloading" : fraction < 0.7 ? "unpacking" : "restoring";
        return stage(stage, now);
    }

    private String stage(String name, Instant now) {
        double seconds = Math.max(0, Duration.between(stageStartedAt, now).toMillis()) / 1000.0;
        return String.format(Locale.ROOT, "%s (%.2fs)", name, seconds);
    }
}
