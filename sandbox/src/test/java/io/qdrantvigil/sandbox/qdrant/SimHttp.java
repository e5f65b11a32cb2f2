package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The tests' HTTP client. Every JSON answer is checked against Qdrant's own OpenAPI spec (strict: no
 * undeclared fields) for the operation and status it answers, so no test can see a shape real Qdrant
 * would not send.
 */
final class SimHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5))
            .retryOnConnectionFailure(false)
            // Nodes stop and restart on the same port: a pooled connection would outlive its server.
            .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
            .build();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final List<String> TEMPLATES = templates();

    /** One answer: status, content type, body text and (for JSON) the parsed body. */
    record Answer(int status, String contentType, String body, JsonNode json) {

        JsonNode result() {
            return json.get("result");
        }

        String error() {
            return json.path("status").path("error").asText(null);
        }
    }

    private SimHttp() {
    }

    static Answer get(SimulatedNode node, String path) {
        return call(CLIENT, "GET", node.url(), path, null, Map.of());
    }

    static Answer get(SimulatedNode node, String path, Map<String, String> headers) {
        return call(CLIENT, "GET", node.url(), path, null, headers);
    }

    static Answer send(SimulatedNode node, String method, String path, String body, Map<String, String> headers) {
        return call(CLIENT, method, node.url(), path, body, headers);
    }

    /** {@code GET /cluster}'s result, asserting a 200. */
    static JsonNode cluster(SimulatedNode node) {
        Answer answer = get(node, "/cluster");
        assertThat(answer.status()).as("GET /cluster on node %d", node.ordinal()).isEqualTo(200);
        return answer.result();
    }

    static Answer call(OkHttpClient client, String method, String baseUrl, String path, String body,
                       Map<String, String> headers) {
        Request.Builder request = new Request.Builder().url(baseUrl + path);
        headers.forEach(request::header);
        RequestBody requestBody = body == null
                ? (method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create(new byte[0]))
                : RequestBody.create(body, JSON_TYPE);
        request.method(method, requestBody);
        try (Response response = client.newCall(request.build()).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            String contentType = response.header("Content-Type", "");
            JsonNode json = contentType.startsWith("application/json") ? JSON.readTree(text) : null;
            Answer answer = new Answer(response.code(), contentType, text, json);
            if (json != null) {
                assertMatchesSpec(method, path, answer);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path + " failed", e);
        }
    }

    private static void assertMatchesSpec(String method, String path, Answer answer) {
        String template = template(path);
        assertThat(template).as("a spec path for %s", path).isNotNull();
        List<String> errors = QdrantSpec.strict().responseErrors(method, template, answer.status(), answer.json());
        assertThat(errors).as("%s %s answered %d %s", method, path, answer.status(),
                answer.body().length() > 2000 ? answer.body().substring(0, 2000) + "..." : answer.body()).isEmpty();
    }

    /** The spec path template a request path matches; literal segments win over parameters. */
    static String template(String path) {
        String normalised = normalise(path);
        String best = null;
        int bestLiterals = -1;
        for (String template : TEMPLATES) {
            String[] t = template.equals("/") ? new String[0] : template.substring(1).split("/");
            String[] p = normalised.equals("/") ? new String[0] : normalised.substring(1).split("/");
            if (t.length != p.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < t.length && matches; i++) {
                if (t[i].startsWith("{")) {
                    continue;
                }
                matches = t[i].equals(p[i]);
                literals++;
            }
            if (matches && literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        return best;
    }

    private static String normalise(String path) {
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String merged = withoutQuery.replaceAll("/{2,}", "/");
        while (merged.length() > 1 && merged.endsWith("/")) {
            merged = merged.substring(0, merged.length() - 1);
        }
        return merged;
    }

    private static List<String> templates() {
        try {
            JsonNode spec = JSON.readTree(QdrantSpec.qdrantDir().resolve("openapi.json").toFile());
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = spec.path("paths").fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
