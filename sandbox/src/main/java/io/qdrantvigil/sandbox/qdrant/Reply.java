package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a node answers: a status with a body in memory, a body streamed in chunks, or (for readiness,
 * which waits up to 500 ms) another reply decided after a delay.
 */
record Reply(int status, String contentType, byte[] body, BodyWriter writer, Duration delay,
             Supplier<Reply> later) {

    /** Streams a body too large to hold in memory. */
    @FunctionalInterface
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    static Reply json(int status, JsonNode body) {
        return bytes(status, JSON, ApiJson.bytes(body));
    }

    static Reply text(int status, String body) {
        return bytes(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    static Reply bytes(int status, String contentType, byte[] body) {
        return new Reply(status, contentType, body, null, null, null);
    }

    static Reply empty(int status) {
        return new Reply(status, null, new byte[0], null, null, null);
    }

    static Reply streamed(int status, String contentType, BodyWriter writer) {
        return new Reply(status, contentType, null, writer, null, null);
    }

    static Reply after(Duration delay, Supplier<Reply> later) {
        return new Reply(0, null, null, null, delay, later);
    }

    boolean isDeferred() {
        return later != null;
    }
}
