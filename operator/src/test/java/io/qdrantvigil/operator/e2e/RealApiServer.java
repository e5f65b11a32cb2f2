package io.qdrantvigil.operator.e2e;

import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.kube.SharedKubeApiServer;
import java.nio.file.Path;

/**
 * The real kube-apiserver this test JVM shares, with the committed CRD from {@code crds/} installed,
 * as a user would install it.
 */
public final class RealApiServer {

  private RealApiServer() {}

  public static KubeApiServer shared() {
    return SharedKubeApiServer.withCrd(committedCrd());
  }

  public static Path committedCrd() {
    Path dir = Path.of(System.getProperty("user.dir"));
    return dir.resolveSibling("crds").resolve("qdrantclusterwatches.qdrantvigil.io-v1.yml");
  }
}
