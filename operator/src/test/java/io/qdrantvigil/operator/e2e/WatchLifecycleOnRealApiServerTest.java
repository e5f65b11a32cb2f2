package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Spec edits, invalid specs and the write budget of a steady watch, on a real apiserver. */
class WatchLifecycleOnRealApiServerTest extends OperatorOnRealApiServer {

  private void editInterval(String name, String interval) {
    QdrantClusterWatch watch = sandbox.watch(name);
    QdrantClusterWatchSpec s = watch.getSpec();
    watch.setSpec(new QdrantClusterWatchSpec(s.selector(), s.nodes(), s.port(), interval, s.timeout(),
        s.apiKeySecretRef(), s.container(), s.actions()));
    sandbox.client.resources(QdrantClusterWatch.class).inNamespace(sandbox.namespace).resource(watch).update();
  }

  @Test
  void anIntervalEditTakesEffectWithoutWaitingForTheOldInterval() {
    healthySandbox(ClusterOptions.defaults(), "10m", "2s");
    sandbox.cluster.node(2).setFault(Fault.HTTP_500);
    editInterval("prod", "5s");
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> "Degraded".equals(s.clusterStatus()));
    assertThat(status.observedGeneration()).isEqualTo(sandbox.watch("prod").getMetadata().getGeneration());
    assertThat(status.nodes().get(2).errorType()).isEqualTo("InvalidResponse");
  }

  @Test
  void anInvalidSpecIsReportedNotCrashedOnAndFixedByAnEdit() {
    sandbox = new SandboxCase(client, ClusterOptions.defaults());
    sandbox.createWatch("prod", SandboxCase.spec("abc", "2s"));
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> s.conditions() != null);
    assertThat(status.conditions()).singleElement().satisfies(c -> {
      assertThat(c.getReason()).isEqualTo("InvalidSpec");
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getMessage()).contains("spec.interval").contains("abc");
    });
    await().atMost(WAIT).untilAsserted(() -> assertThat(client.v1().events().inNamespace(sandbox.namespace).list()
        .getItems()).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("InvalidSpec")));
    editInterval("prod", "30s");
    awaitStatus("prod", s -> "Healthy".equals(s.clusterStatus()));
  }

  @Test
  void aSteadyClusterPolledEvery5sIsNotRewritten() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    String version = sandbox.watch("prod").getMetadata().getResourceVersion();
    await().during(Duration.ofSeconds(16)).atMost(Duration.ofSeconds(20)).until(
        () -> sandbox.watch("prod").getMetadata().getResourceVersion().equals(version));
  }
}
