package io.qdrantvigil.sandbox.qdrant;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A fault with its setting. Only the setting of its own fault matters: {@code delay} for SLOW,
 * {@code httpStatus} for NON_JSON, {@code version} for VERSION, {@code bodyBytes} for HUGE_BODY,
 * {@code collection} for COLLECTION_MISSING.
 * {@code pathPrefix} limits an HTTP-level fault (HUNG, SLOW, HTTP_500, NON_JSON) to paths that start
 * with it, e.g. {@code /collections} hung while {@code /cluster} answers; null means every path.
 */
public record FaultSpec(Fault fault, Duration delay, int httpStatus, String version, long bodyBytes,
                        String pathPrefix, String collection) {

    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(2);
    public static final int DEFAULT_PROXY_STATUS = 502;
    public static final String DEFAULT_OTHER_VERSION = "1.18.2";
    public static final long DEFAULT_BODY_BYTES = 5L * 1024 * 1024;

    public FaultSpec {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(version, "version");
        if (fault == Fault.COLLECTION_MISSING && (collection == null || collection.isBlank())) {
            throw new IllegalArgumentException("COLLECTION_MISSING needs the collection's name as its value");
        }
        if (delay.isNegative() || httpStatus < 100 || httpStatus > 599 || bodyBytes < 0) {
            throw new IllegalArgumentException("invalid setting for " + fault);
        }
    }

    public static FaultSpec of(Fault fault) {
        return new FaultSpec(fault, DEFAULT_DELAY, DEFAULT_PROXY_STATUS, DEFAULT_OTHER_VERSION, DEFAULT_BODY_BYTES,
                null, null);
    }

    public static FaultSpec slow(Duration delay) {
        return of(Fault.SLOW).withDelay(delay);
    }

    public static FaultSpec nonJson(int httpStatus) {
        return new FaultSpec(Fault.NON_JSON, DEFAULT_DELAY, httpStatus, DEFAULT_OTHER_VERSION, DEFAULT_BODY_BYTES,
                null, null);
    }

    public static FaultSpec version(String version) {
        return new FaultSpec(Fault.VERSION, DEFAULT_DELAY, DEFAULT_PROXY_STATUS, version, DEFAULT_BODY_BYTES, null,
                null);
    }

    /** The collection exists in the cluster's state but not on this node. */
    public static FaultSpec collectionMissing(String collection) {
        return new FaultSpec(Fault.COLLECTION_MISSING, DEFAULT_DELAY, DEFAULT_PROXY_STATUS, DEFAULT_OTHER_VERSION,
                DEFAULT_BODY_BYTES, null, collection);
    }

    public static FaultSpec hugeBody(long bodyBytes) {
        return new FaultSpec(Fault.HUGE_BODY, DEFAULT_DELAY, DEFAULT_PROXY_STATUS, DEFAULT_OTHER_VERSION, bodyBytes,
                null, null);
    }

    /**
     * Reads a fault as the control API gets it: a name in any case ({@code hung}, {@code consensus_stopped}),
     * an optional value (SLOW: {@code 1500ms}, {@code 3s} or ISO {@code PT3S}; NON_JSON: the status; VERSION:
     * the version; HUGE_BODY: the size in bytes; COLLECTION_MISSING: the collection) and an optional path prefix.
     */
    public static FaultSpec parse(String name, String value, String pathPrefix) {
        Fault fault = faultNamed(name);
        if (fault == Fault.COLLECTION_MISSING) {
            return collectionMissing(value == null ? null : value.trim());
        }
        FaultSpec spec = of(fault);
        if (value != null && !value.isBlank()) {
            String v = value.trim();
            spec = switch (fault) {
                case SLOW -> spec.withDelay(parseDuration(v));
                case NON_JSON -> nonJson(Integer.parseInt(v));
                case VERSION -> version(v);
                case HUGE_BODY -> hugeBody(Long.parseLong(v));
                default -> throw new IllegalArgumentException(fault + " takes no value");
            };
        }
        return pathPrefix == null || pathPrefix.isBlank() ? spec : spec.onPath(pathPrefix);
    }

    /** A fault's name as the control API takes it: any case, {@code -} or {@code _}. */
    public static Fault faultNamed(String name) {
        return Fault.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Whether the version this fault reports is below {@code major.minor}. */
    boolean versionBelow(int major, int minor) {
        String[] parts = version.split("[.-]");
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma < major || (ma == major && mi < minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public FaultSpec withDelay(Duration newDelay) {
        return new FaultSpec(fault, newDelay, httpStatus, version, bodyBytes, pathPrefix, collection);
    }

    public FaultSpec onPath(String prefix) {
        return new FaultSpec(fault, delay, httpStatus, version, bodyBytes, prefix, collection);
    }

    /** Whether this fault acts on a request to the (normalised) path. */
    boolean appliesTo(String path) {
        return pathPrefix == null || path.startsWith(pathPrefix);
    }

    private static Duration parseDuration(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("pt")) {
            return Duration.parse(text);
        }
        if (lower.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
        }
        if (lower.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(lower.substring(0, lower.length() - 1)) * 1000));
        }
        return Duration.ofMillis(Long.parseLong(lower));
    }
}
