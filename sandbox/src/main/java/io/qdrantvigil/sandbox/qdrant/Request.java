package io.qdrantvigil.sandbox.qdrant;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request to a node, read in full. {@code path} is normalised as Qdrant's
 * {@code NormalizePath::trim} does: repeated slashes merged, the trailing one dropped.
 */
record Request(String method, String path, Map<String, String> query, String apiKeyHeader,
               String authorizationHeader, byte[] body, long startNanos, Access access, boolean delayed) {

    private static final int MAX_BODY = 1024 * 1024;

    static Request read(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY);
        }
        return new Request(exchange.getRequestMethod().toUpperCase(), normalise(exchange.getRequestURI().getRawPath()),
                parseQuery(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders().getFirst("api-key"),
                exchange.getRequestHeaders().getFirst("Authorization"), body, start, Access.MANAGE, false);
    }

    Request withAccess(Access granted) {
        return new Request(method, path, query, apiKeyHeader, authorizationHeader, body, startNanos, granted, delayed);
    }

    Request afterDelay() {
        return new Request(method, path, query, apiKeyHeader, authorizationHeader, body, startNanos, access, true);
    }

    /** Seconds since the request arrived: the {@code time} of Qdrant's wrapper. */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String normalise(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath.replaceAll("/{2,}", "/");
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }
}
