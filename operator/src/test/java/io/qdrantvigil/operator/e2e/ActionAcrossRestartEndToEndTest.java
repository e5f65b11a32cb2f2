package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.FaultSpec;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * At most once across operator restarts: a request taken but not finished when the operator stopped
 * ends as Interrupted after the restart and is never sent again; the same annotation written later
 * is a new request. Runs its own operators (not the shared one), one at a time.
 */
class ActionAcrossRestartEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(45);
  private final KubernetesClient client = RealApiServer.shared().newClient();
  private SandboxCase sandbox;
  private VigilOperator operator;

  @AfterEach
  void close() {
    if (operator != null) {
      operator.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
    client.close();
  }

  private VigilOperator startOperator(String identity) throws Exception {
    return new VigilOperator(client, new OperatorSettings(0, Set.of(), null, false, "default", identity));
  }

  private List<ActionRecord> actions() {
    QdrantClusterWatchStatus status = sandbox.status("prod");
    return status == null || status.actions() == null ? List.of() : status.actions();
  }

  private void annotate(String value) {
    var result = RealApiServer.shared().kubectl().run("annotate", "qcw", "prod", "--overwrite", "-n",
        sandbox.namespace, "qdrantvigil.io/recover=" + value);
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  @Test
  void aRequestCutShortByARestartIsInterruptedNotRunTwiceAndAnnotatingAgainRunsAgain() throws Exception {
    sandbox = new SandboxCase(client, ClusterOptions.defaults());
    operator = startOperator("first");
    sandbox.createWatch("prod", SandboxCase.spec("5s", "2s"));
    await().atMost(WAIT).until(() -> sandbox.status("prod") != null
        && "Healthy".equals(sandbox.status("prod").clusterStatus()));
    String location = "http://snapshots.example/products.snapshot";
    sandbox.cluster.publishSnapshot(location, null);
    SimulatedNode node = sandbox.cluster.node(1);
    node.setFault(FaultSpec.slow(Duration.ofSeconds(8)).onPath("/collections/products/snapshots"));

    annotate("qdrant-1;collection=products;url=" + location);
    await().atMost(WAIT).until(() -> actions().stream().anyMatch(r -> "Running".equals(r.outcome())));
    operator.close();
    operator = startOperator("second");
    await().atMost(WAIT).until(() -> actions().stream().anyMatch(r -> "Interrupted".equals(r.outcome())));
    assertThat(actions()).filteredOn(r -> "recover".equals(r.action())).singleElement()
        .satisfies(r -> assertThat(r.message()).contains("not retried"));
    await().atMost(WAIT).until(() -> node.recoveryRequests().size() == 1);
    await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10))
        .until(() -> node.recoveryRequests().size() == 1);

    node.heal();
    annotate("qdrant-1;collection=products;url=" + location + ";priority=replica");
    await().atMost(WAIT).until(() -> actions().size() == 2 && "Succeeded".equals(actions().get(0).outcome()));
    assertThat(node.recoveryRequests()).hasSize(2);
    assertThat(actions().get(1).outcome()).isEqualTo("Interrupted");
  }
}
