package io.qdrantvigil.sandbox.qdrant;

import java.util.Optional;

/** Query parameters parsed as Qdrant's serde does, with its 400 (cannot parse) and 422 (out of range) errors. */
final class QueryParams {

    /** A query parameter that could not be used; {@code reply} is Qdrant's answer. */
    static final class Invalid extends Exception {
        final transient Reply reply;

        Invalid(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    private QueryParams() {
    }

    static boolean bool(Request request, String name, boolean defaultValue) throws Invalid {
        String value = request.query().get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new Invalid(deserializeError("provided string was not `true` or `false`"));
    }

    /** An optional u64 that must be at least {@code min}. */
    static Optional<Long> unsigned(Request request, String name, long min) throws Invalid {
        String value = request.query().get(name);
        if (value == null) {
            return Optional.empty();
        }
        long parsed;
        try {
            parsed = Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new Invalid(deserializeError(value.isEmpty() ? "cannot parse integer from empty string"
                    : "invalid digit found in string"));
        }
        if (Long.compareUnsigned(parsed, min) < 0) {
            throw new Invalid(ApiJson.validationError(422, "Validation error in query parameters: [" + name
                    + ": value " + Long.toUnsignedString(parsed) + " invalid, must be " + min + ".0 or larger]"));
        }
        return Optional.of(parsed);
    }

    private static Reply deserializeError(String detail) {
        return ApiJson.validationError(400,
                "Deserialize error in query parameters: Query deserialize error: " + detail);
    }
}
