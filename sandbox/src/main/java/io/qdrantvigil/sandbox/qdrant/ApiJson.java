package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Qdrant's JSON conventions: the response wrappers, RFC 3339 timestamps with nanoseconds, exact u64 ids. */
final class ApiJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ApiJson() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** {@code {"result":...,"status":"ok","time":...}}, fields in Qdrant's order. */
    static Reply ok(JsonNode result, Request request) {
        return ok(result, request.elapsedSeconds());
    }

    static Reply ok(JsonNode result, double time) {
        ObjectNode body = object();
        body.set("result", result);
        body.put("status", "ok");
        body.put("time", time);
        return Reply.json(200, body);
    }

    /** {@code {"status":{"error":...},"time":...}}; no {@code result} at all. */
    static Reply error(int status, String message, double time) {
        ObjectNode body = object();
        body.putObject("status").put("error", message);
        body.put("time", time);
        return Reply.json(status, body);
    }

    static Reply error(int status, String message, Request request) {
        return error(status, message, request.elapsedSeconds());
    }

    /** Query and body validation errors carry {@code time: 0.0}. */
    static Reply validationError(int status, String message) {
        return error(status, message, 0.0);
    }

    static Reply accepted(Request request) {
        ObjectNode body = object();
        body.put("status", "accepted");
        body.put("time", request.elapsedSeconds());
        return Reply.json(202, body);
    }

    static Reply forbiddenUnlessManage(Request request) {
        return request.access() == Access.MANAGE ? null
                : error(403, "Forbidden: Global manage access is required", request);
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** As a timestamp that travelled as Unix milliseconds: 3 fraction digits, none when they are all 0. */
    static String timestampMillis(Instant instant) {
        Instant millis = Instant.ofEpochMilli(instant.toEpochMilli());
        return millis.getNano() == 0 ? SECONDS.format(millis) : MILLIS.format(millis);
    }

    /** A peer id as a bare JSON number, exact even above 2^63. */
    static JsonNode peerId(PeerId id) {
        return id.bits() >= 0 ? NODES.numberNode(id.bits()) : NODES.numberNode(id.toBigInteger());
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
