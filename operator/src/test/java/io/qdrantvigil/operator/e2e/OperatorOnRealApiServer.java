package io.qdrantvigil.operator.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** An operator running against the shared real apiserver; each test builds its own sandbox namespace. */
abstract class OperatorOnRealApiServer {

  static final Duration WAIT = Duration.ofSeconds(30);
  static KubeApiServer server;
  static KubernetesClient client;
  static VigilOperator operator;
  SandboxCase sandbox;

  @BeforeAll
  static void startOperator() throws Exception {
    server = RealApiServer.shared();
    client = server.newClient();
    operator = new VigilOperator(client, new OperatorSettings(0, Set.of(), null, false, "default", "e2e"));
  }

  @AfterAll
  static void stopOperator() {
    operator.close();
    client.close();
  }

  @AfterEach
  void closeSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** A fresh sandbox with a watch {@code prod} over it, once that watch reads Healthy. */
  SandboxCase healthySandbox(ClusterOptions options, String interval, String timeout) {
    sandbox = new SandboxCase(client, options);
    sandbox.createWatch("prod", SandboxCase.spec(interval, timeout));
    awaitStatus("prod", s -> "Healthy".equals(s.clusterStatus()));
    return sandbox;
  }

  QdrantClusterWatchStatus awaitStatus(String name, Predicate<QdrantClusterWatchStatus> done) {
    await().atMost(WAIT).until(() -> {
      QdrantClusterWatchStatus status = sandbox.status(name);
      return status != null && done.test(status);
    });
    return sandbox.status(name);
  }
}
