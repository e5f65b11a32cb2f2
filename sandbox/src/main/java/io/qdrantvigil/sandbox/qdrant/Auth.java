package io.qdrantvigil.sandbox.qdrant;

/**
 * Qdrant's API-key middleware: {@code api-key} header first, then {@code Authorization: Bearer}; plain-text
 * 401s; {@code /}, {@code /healthz}, {@code /readyz*} and {@code /livez*} need no key.
 */
final class Auth {

    static final String MISSING = "Must provide an API key or an Authorization bearer token";
    static final String INVALID = "Invalid API key or JWT";

    private final String apiKey;
    private final String readOnlyApiKey;

    Auth(String apiKey, String readOnlyApiKey) {
        this.apiKey = blankToNull(apiKey);
        this.readOnlyApiKey = blankToNull(readOnlyApiKey);
    }

    /** The 401 reply for a request whose key is missing or wrong; null when it may pass. */
    Reply reject(Request request) {
        if (!enabled() || exempt(request.path())) {
            return null;
        }
        String key = presentedKey(request);
        if (key == null) {
            return Reply.text(401, MISSING);
        }
        return key.equals(apiKey) || key.equals(readOnlyApiKey) ? null : Reply.text(401, INVALID);
    }

    /** What a request that passed {@link #reject} may do. */
    Access access(Request request) {
        if (!enabled() || exempt(request.path())) {
            return Access.MANAGE;
        }
        return presentedKey(request).equals(apiKey) ? Access.MANAGE : Access.READ;
    }

    private boolean enabled() {
        return apiKey != null || readOnlyApiKey != null;
    }

    private static String presentedKey(Request request) {
        if (request.apiKeyHeader() != null) {
            return request.apiKeyHeader();
        }
        String authorization = request.authorizationHeader();
        return authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim() : null;
    }

    private static boolean exempt(String path) {
        return path.equals("/") || path.equals("/healthz") || path.startsWith("/readyz") || path.startsWith("/livez");
    }

    private static String blankToNull(String key) {
        return key == null || key.isEmpty() ? null : key;
    }
}
