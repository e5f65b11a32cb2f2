package io.qdrantvigil.sandbox.qdrant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One node's HTTP front: HTTP-level faults (hung, slow, proxy page, 500), then Qdrant's API-key check,
 * then the routes. Waiting never holds a thread: hung requests are parked, delays are scheduled.
 */
final class NodeHandler implements HttpHandler {

    private final SimulatedNode node;
    private final Auth auth;
    private final Executor executor;
    private final ScheduledExecutorService timer;

    NodeHandler(SimulatedNode node, Auth auth, Executor executor, ScheduledExecutorService timer) {
        this.node = node;
        this.auth = auth;
        this.executor = executor;
        this.timer = timer;
    }

    @Override
    public void handle(HttpExchange exchange) {
        Request request;
        try {
            request = Request.read(exchange);
        } catch (IOException e) {
            exchange.close();
            return;
        }
        process(exchange, request);
    }

    private void process(HttpExchange exchange, Request request) {
        if (node.parkIfHung(exchange, request.path(), () -> process(exchange, request))) {
            return;
        }
        Optional<FaultSpec> slow = node.activeFault(Fault.SLOW, request.path());
        if (slow.isPresent() && !request.delayed()) {
            later(exchange, slow.get().delay(), () -> process(exchange, request.afterDelay()));
            return;
        }
        Reply reply;
        try {
            reply = respond(request);
        } catch (RuntimeException e) {
            reply = ApiJson.error(500, "Service internal error: " + e, request);
        }
        deliver(exchange, reply);
    }

    private Reply respond(Request request) {
        Optional<FaultSpec> proxy = node.activeFault(Fault.NON_JSON, request.path());
        if (proxy.isPresent()) {
            return ProxyErrorPage.reply(proxy.get().httpStatus());
        }
        Reply rejected = auth.reject(request);
        if (rejected != null) {
            return rejected;
        }
        Request authorised = request.withAccess(auth.access(request));
        if (node.activeFault(Fault.HTTP_500, request.path()).isPresent()) {
            return ApiJson.error(500, "Service internal error: simulated internal error", authorised);
        }
        return route(authorised);
    }

    private Reply route(Request request) {
        String path = request.path();
        String[] s = path.equals("/") ? new String[0] : path.substring(1).split("/");
        for (int i = 0; i < s.length; i++) {
            s[i] = URLDecoder.decode(s[i].replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        if (s.length == 0) {
            return only(request, "GET", () -> ServiceEndpoints.root(node));
        }
        if (s.length == 1) {
            return switch (s[0]) {
                case "healthz", "livez" -> only(request, "GET", ServiceEndpoints::healthz);
                case "readyz" -> only(request, "GET", () -> ServiceEndpoints.readyz(node));
                case "metrics" -> only(request, "GET", () -> MetricsEndpoint.metrics(node));
                case "cluster" -> only(request, "GET", () -> ClusterEndpoints.status(node, request));
                case "collections" -> only(request, "GET", () -> CollectionEndpoints.list(node, request));
                case "issues" -> only(request, "GET", () -> ServiceEndpoints.issues(node, request));
                default -> Reply.empty(404);
            };
        }
        if (s.length == 2 && s[0].equals("cluster") && s[1].equals("recover")) {
            return only(request, "POST", () -> ClusterEndpoints.recover(node, request));
        }
        if (s.length == 2 && s[0].equals("cluster") && s[1].equals("telemetry")) {
            return only(request, "GET", () -> TelemetryEndpoint.telemetry(node, request));
        }
        if (s.length == 2 && s[0].equals("collections")) {
            return only(request, "GET", () -> CollectionEndpoints.info(node, request, s[1]));
        }
        if (s.length == 3 && s[0].equals("cluster") && s[1].equals("peer")) {
            return only(request, "DELETE", () -> ClusterEndpoints.removePeer(node, request, s[2]));
        }
        if (s.length == 3 && s[0].equals("collections") && s[2].equals("cluster")) {
            return switch (request.method()) {
                case "GET" -> CollectionEndpoints.cluster(node, request, s[1]);
                case "POST" -> ClusterUpdateEndpoint.update(node, request, s[1]);
                default -> Reply.empty(405);
            };
        }
        if (s.length == 4 && s[0].equals("collections") && s[2].equals("snapshots") && s[3].equals("recover")) {
            return only(request, "PUT", () -> SnapshotRecoverEndpoint.recover(node, request, s[1]));
        }
        return Reply.empty(404);
    }

    private static Reply only(Request request, String method, Supplier<Reply> endpoint) {
        return request.method().equals(method) ? endpoint.get() : Reply.empty(405);
    }

    private void deliver(HttpExchange exchange, Reply reply) {
        if (reply.isDeferred()) {
            later(exchange, reply.delay(), () -> deliver(exchange, reply.later().get()));
            return;
        }
        try (exchange) {
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            if (reply.writer() != null) {
                exchange.sendResponseHeaders(reply.status(), 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    reply.writer().writeTo(out);
                }
            } else if (reply.body().length == 0) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }

    private void later(HttpExchange exchange, Duration delay, Runnable task) {
        try {
            timer.schedule(() -> {
                try {
                    executor.execute(task);
                } catch (RejectedExecutionException e) {
                    exchange.close();
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            exchange.close();
        }
    }
}
