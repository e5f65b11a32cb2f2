package io.qdrantvigil.sandbox.qdrant;

import java.time.Instant;

/** One {@code message_send_failures} entry: consecutive failed sends to a peer URI. */
record SendFailure(long count, String latestError, Instant latestErrorTimestamp) {

    static SendFailure first(String error, Instant at) {
        return new SendFailure(1, error, at);
    }

    SendFailure again(String error, Instant at) {
        return new SendFailure(count + 1, error, at);
    }
}
