package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A valid {@code GET /cluster} body of several megabytes: one send failure whose {@code latest_error}
 * is megabytes long (Qdrant passes transport errors through verbatim). Written in chunks, never held whole.
 */
final class HugeClusterBody {

    private static final String MARK = "@@vigil-huge-error@@";
    private static final byte[] FILLER = "transport error: connection reset by peer; retrying the channel; "
            .repeat(64).getBytes(StandardCharsets.US_ASCII);

    private HugeClusterBody() {
    }

    static Reply of(RaftNode node, long bodyBytes, Request request, Instant now) {
        ObjectNode result = ClusterJson.enabled(node);
        String target = node.membership.uris().values().stream().filter(uri -> !uri.equals(node.uri))
                .findFirst().orElse(node.uri);
        ((ObjectNode) result.get("message_send_failures")).putObject(target)
                .put("count", 1)
                .put("latest_error", MARK)
                .put("latest_error_timestamp", ApiJson.timestamp(now));
        ObjectNode wrapper = ApiJson.object();
        wrapper.set("result", result);
        wrapper.put("status", "ok");
        wrapper.put("time", request.elapsedSeconds());
        String json = new String(ApiJson.bytes(wrapper), StandardCharsets.UTF_8);
        int at = json.indexOf(MARK);
        byte[] head = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = json.substring(at + MARK.length()).getBytes(StandardCharsets.UTF_8);
        return Reply.streamed(200, Reply.JSON, out -> {
            out.write(head);
            long written = head.length + tail.length;
            while (written < bodyBytes) {
                int chunk = (int) Math.min(FILLER.length, bodyBytes - written);
                out.write(FILLER, 0, chunk);
                written += chunk;
            }
            out.write(tail);
        });
    }
}
