package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A small HTTP API on loopback to drive a simulated cluster from outside (the demo's {@code make}
 * targets, curl). Peer ids are strings here so shell tools keep every digit. Documented in
 * {@code sandbox/SIMULATOR.md}.
 */
public final class SimulatedClusterControl implements AutoCloseable {

    private final SimulatedCluster cluster;
    private final HttpServer server;

    private SimulatedClusterControl(SimulatedCluster cluster, HttpServer server) {
        this.cluster = cluster;
        this.server = server;
    }

    /** Serves the control API on {@code 127.0.0.1:port} (0 picks a free port). */
    public static SimulatedClusterControl start(SimulatedCluster cluster, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            SimulatedClusterControl control = new SimulatedClusterControl(cluster, server);
            server.createContext("/", control::handle);
            server.start();
            return control;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the control API to port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Request request = Request.read(exchange);
            int status = request.method().equals("POST") && request.path().equals("/nodes") ? 201 : 200;
            JsonNode body;
            try {
                body = route(request);
            } catch (IllegalArgumentException e) {
                status = 400;
                body = ApiJson.object().put("error", e.getMessage());
            } catch (IllegalStateException e) {
                status = 409;
                body = ApiJson.object().put("error", e.getMessage());
            } catch (NodeNotFound e) {
                status = 404;
                body = ApiJson.object().put("error", e.getMessage());
            }
            byte[] bytes = ApiJson.bytes(body);
            exchange.getResponseHeaders().set("Content-Type", Reply.JSON);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The caller went away.
        }
    }

    private static final class NodeNotFound extends Exception {
        NodeNotFound(String message) {
            super(message);
        }
    }

    private JsonNode route(Request request) throws NodeNotFound {
        String[] s = request.path().equals("/") ? new String[0] : request.path().substring(1).split("/");
        String method = request.method();
        if (s.length == 1 && s[0].equals("nodes") && method.equals("GET")) {
            return nodes();
        }
        if (s.length == 1 && s[0].equals("nodes") && method.equals("POST")) {
            return describe(cluster.addNode());
        }
        if (s.length == 1 && s[0].equals("heal") && method.equals("POST")) {
            cluster.healAll();
            return nodes();
        }
        if (s.length == 2 && s[0].equals("nodes") && s[1].equals("last") && method.equals("DELETE")) {
            cluster.removeHighestNode();
            return nodes();
        }
        if (s.length >= 2 && s[0].equals("nodes")) {
            SimulatedNode node = node(s[1]);
            if (s.length == 2 && method.equals("GET")) {
                return describe(node);
            }
            if (s.length == 3 && method.equals("POST")) {
                switch (s[2]) {
                    case "heal" -> node.heal();
                    case "stop" -> node.stop();
                    case "start" -> node.start();
                    default -> throw new IllegalArgumentException("unknown action " + s[2]);
                }
                return describe(node);
            }
            if (s.length == 3 && s[2].equals("recoveries") && method.equals("GET")) {
                ArrayNode list = ApiJson.NODES.arrayNode();
                node.recoveryRequests().forEach(r -> list.addObject()
                        .put("collection", r.collection())
                        .put("location", r.location())
                        .put("priority", r.priority())
                        .put("checksum", r.checksum())
                        .put("api_key", r.apiKey())
                        .put("wait", r.waitRequested())
                        .put("body", r.rawBody())
                        .put("response_status", r.responseStatus())
                        .put("received_at", ApiJson.timestamp(r.receivedAt())));
                return list;
            }
            if (s.length == 4 && s[2].equals("fault") && method.equals("POST")) {
                Map<String, String> query = request.query();
                node.setFault(FaultSpec.parse(s[3], query.get("value"), query.get("path")));
                return describe(node);
            }
            if (s.length == 4 && s[2].equals("fault") && method.equals("DELETE")) {
                node.clearFault(FaultSpec.faultNamed(s[3]));
                return describe(node);
            }
        }
        throw new IllegalArgumentException("no control route " + method + " " + request.path());
    }

    private ArrayNode nodes() {
        ArrayNode list = ApiJson.NODES.arrayNode();
        cluster.nodes().forEach(node -> list.add(describe(node)));
        return list;
    }

    private SimulatedNode node(String ordinal) throws NodeNotFound {
        try {
            return cluster.node(Integer.parseInt(ordinal));
        } catch (IllegalArgumentException e) {
            throw new NodeNotFound("no node " + ordinal);
        }
    }

    private static ObjectNode describe(SimulatedNode node) {
        ObjectNode json = ApiJson.object();
        json.put("ordinal", node.ordinal());
        json.put("url", node.url());
        json.put("port", node.port());
        json.put("peer_id", node.peerId());
        json.put("p2p_uri", node.p2pUri());
        json.put("running", node.isRunning());
        ArrayNode faults = json.putArray("faults");
        node.faults().forEach(f -> faults.add(f.name()));
        RaftView raft = node.raft();
        json.putObject("raft")
                .put("term", raft.term())
                .put("commit", raft.commit())
                .put("role", raft.role())
                .put("leader", raft.leader())
                .put("consensus", raft.consensus());
        return json;
    }
}
