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
            boolean creates = request.method().equals("POST")
                    && (request.path().equals("/nodes") || request.path().equals("/collections"));
            int status = creates ? 201 : 200;
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
        if (s.length >= 1 && (s[0].equals("collections") || s[0].equals("updates"))) {
            return dataRoute(request, s);
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

    /** Collections, replica states, transfers and the update stream. */
    private JsonNode dataRoute(Request request, String[] s) throws NodeNotFound {
        String method = request.method();
        Map<String, String> query = request.query();
        if (s.length == 1 && s[0].equals("updates") && method.equals("GET")) {
            return updates();
        }
        if (s.length == 2 && s[0].equals("updates") && method.equals("POST")) {
            switch (s[1]) {
                case "on" -> cluster.setUpdateStream(true);
                case "off" -> cluster.setUpdateStream(false);
                default -> throw new IllegalArgumentException("POST /updates/on or /updates/off");
            }
            return updates();
        }
        if (s.length == 1 && method.equals("GET")) {
            ArrayNode list = ApiJson.NODES.arrayNode();
            cluster.collectionNames().forEach(name -> list.add(describe(name)));
            return list;
        }
        if (s.length == 1 && method.equals("POST")) {
            String name = required(query, "name");
            cluster.createCollection(new CollectionSpec(name, integer(query, "shards", 1), integer(query, "rf", 1),
                    integer(query, "points", 4000)));
            return describe(name);
        }
        if (s.length == 2 && method.equals("GET")) {
            return describe(s[1]);
        }
        if (s.length == 3 && s[2].equals("transfers") && method.equals("POST")) {
            String from = node(required(query, "from")).peerId();
            String to = node(required(query, "to")).peerId();
            cluster.requestTransfer(s[1], integer(query, "shard", 0), from, to, "true".equals(query.get("move")),
                    query.getOrDefault("method", "stream_records"));
            return describe(s[1]);
        }
        if (s.length == 6 && s[2].equals("shards") && s[4].equals("replicas") && method.equals("POST")) {
            ReplicaState state = ReplicaState.valueOf(required(query, "state"));
            cluster.setReplicaState(s[1], Integer.parseInt(s[3]), node(s[5]).peerId(), state);
            return describe(s[1]);
        }
        throw new IllegalArgumentException("no control route " + method + " " + request.path());
    }

    private ObjectNode updates() {
        return ApiJson.object().put("enabled", cluster.updateStream());
    }

    private ObjectNode describe(String collection) {
        ObjectNode json = ApiJson.object().put("name", collection);
        ObjectNode shards = json.putObject("shards");
        cluster.replicaStates(collection).forEach((id, replicas) -> {
            ObjectNode shard = shards.putObject(String.valueOf(id));
            replicas.forEach((peer, state) -> shard.put(peer, state.name()));
        });
        ArrayNode transfers = json.putArray("transfers");
        cluster.transfers(collection).forEach(t -> transfers.addObject()
                .put("shard_id", t.shardId()).put("from", t.fromPeerId()).put("to", t.toPeerId())
                .put("sync", t.sync()).put("method", t.method())
                .put("transferred", t.transferred()).put("points", t.points()));
        return json;
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("query parameter " + name + " is required");
        }
        return value;
    }

    private static int integer(Map<String, String> query, String name, int defaultValue) {
        String value = query.get(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
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
