package io.qdrantvigil.sandbox.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * One real kube-apiserver and one admin client for the whole test JVM, started on first use and stopped by
 * the apiserver's shutdown hook. The classes that share it keep to namespaces and cluster-scoped names of
 * their own.
 */
public final class SharedApiServer {

    private static KubeApiServer server;
    private static KubernetesClient client;

    private SharedApiServer() {}

    public static synchronized KubeApiServer server() {
        if (server == null) {
            try {
                server = KubeApiServer.start(Files.createTempDirectory("vigil-apiserver"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** Lives as long as the JVM, like the apiserver it talks to. */
    public static synchronized KubernetesClient client() {
        if (client == null) {
            client = server().newClient();
        }
        return client;
    }
}
