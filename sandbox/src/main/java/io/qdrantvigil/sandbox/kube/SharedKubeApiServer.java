package io.qdrantvigil.sandbox.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * One real kube-apiserver for the whole JVM, for the test suites that share it: started on first use
 * in a temporary work dir, stopped by its shutdown hook. Its users keep to names of their own
 * (namespaces, CRD groups), so they never see each other.
 */
public final class SharedKubeApiServer {

    private static KubeApiServer server;
    private static KubernetesClient client;
    private static final Set<Path> INSTALLED_CRDS = new HashSet<>();

    private SharedKubeApiServer() {}

    public static synchronized KubeApiServer get() {
        if (server == null) {
            try {
                server = KubeApiServer.start(Files.createTempDirectory("vigil-apiserver"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** The shared apiserver with the CRD of {@code file} installed, once per JVM, as a user installs it. */
    public static synchronized KubeApiServer withCrd(Path file) {
        KubeApiServer shared = get();
        if (INSTALLED_CRDS.add(file.toAbsolutePath().normalize())) {
            CrdInstaller.install(client(), file);
        }
        return shared;
    }

    /** An admin client that lives as long as the JVM, like the apiserver it talks to. */
    public static synchronized KubernetesClient client() {
        if (client == null) {
            client = get().newClient();
        }
        return client;
    }
}
