package io.qdrantvigil.sandbox.qdrant;

import java.time.Instant;

/**
 * One {@code PUT /collections/{name}/snapshots/recover} as a node received it, whatever came of it:
 * the parsed body fields (null when absent), the {@code wait} query flag (default true), the raw body,
 * and the HTTP status the node answered.
 */
public record RecoveryRequest(String collection, String location, String priority, String checksum,
                              String apiKey, boolean waitRequested, String rawBody, int responseStatus,
                              Instant receivedAt) {
}
