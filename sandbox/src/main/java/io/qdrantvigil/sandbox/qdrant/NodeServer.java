package io.qdrantvigil.sandbox.qdrant;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** A node's REST port on loopback; a restart binds the same port again, as a pod keeps its port. */
final class NodeServer {

    static {
        // The JDK server writes headers and body separately; with Nagle on, every answer waits ~40 ms
        // for the client's delayed ACK. Read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpHandler handler;
    private final Executor executor;
    private HttpServer server;
    private int port;

    NodeServer(HttpHandler handler, Executor executor, int port) {
        this.handler = handler;
        this.executor = executor;
        this.port = port;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            started.createContext("/", handler);
            started.setExecutor(executor);
            started.start();
            server = started;
            port = started.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the simulated node to port " + port, e);
        }
    }

    /** Closes the port and every open connection: clients get connection refused or reset. */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    synchronized int port() {
        return port;
    }

    synchronized boolean isListening() {
        return server != null;
    }
}
