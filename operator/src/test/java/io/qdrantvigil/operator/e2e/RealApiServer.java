package io.qdrantvigil.operator.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.sandbox.kube.CrdInstaller;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real kube-apiserver for the whole test JVM (started on first use, stopped by its shutdown
 * hook), with the committed CRD from {@code crds/} installed, as a user would install it.
 */
public final class RealApiServer {

  private static KubeApiServer server;

  private RealApiServer() {}

  public static synchronized KubeApiServer shared() {
    if (server == null) {
      try {
        server = KubeApiServer.start(Files.createTempDirectory("vigil-apiserver"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try (KubernetesClient client = server.newClient()) {
        CrdInstaller.install(client, committedCrd());
      }
    }
    return server;
  }

  public static Path committedCrd() {
    Path dir = Path.of(System.getProperty("user.dir"));
    return dir.resolveSibling("crds").resolve("qdrantclusterwatches.qdrantvigil.io-v1.yml");
  }
}
