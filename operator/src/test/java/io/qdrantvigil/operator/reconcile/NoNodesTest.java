package io.qdrantvigil.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Discovery's last tier: nothing found is Unavailable 0/0 with a warning naming the tiers tried. */
@EnableKubernetesMockClient(crud = true)
class NoNodesTest {

  KubernetesClient client;

  @Test
  void nothingFoundIsUnavailableAndSaysWhichTiersWereTried() throws Exception {
    try (VigilOperator operator = new VigilOperator(client, new OperatorSettings(0, Set.of(), null, false, "db", "t"))) {
      QdrantClusterWatch watch = new QdrantClusterWatch();
      watch.getMetadata().setName("empty");
      watch.getMetadata().setNamespace("db");
      watch.setSpec(new QdrantClusterWatchSpec());
      client.resources(QdrantClusterWatch.class).inNamespace("db").resource(watch).create();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        var status = client.resources(QdrantClusterWatch.class).inNamespace("db").withName("empty").get().getStatus();
        assertThat(status).isNotNull();
        assertThat(status.clusterStatus()).isEqualTo("Unavailable");
        assertThat(status.healthyNodes()).isEqualTo("0/0");
        assertThat(status.healthPercentage()).isEqualTo(0.0);
        assertThat(status.discovery()).isEqualTo("none");
        assertThat(status.warningCount()).isEqualTo(1);
        assertThat(status.warnings().get(0).type()).isEqualTo("NoNodesFound");
        assertThat(status.warnings().get(0).message()).contains("selector", "spec.nodes", "QDRANT_NODES");
        assertThat(status.conditions()).anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo("Ready");
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getReason()).isEqualTo("Unavailable");
        });
      });
    }
  }
}
