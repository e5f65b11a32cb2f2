package io.qdrantvigil.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciler on fabric8's mock API (CRUD mode): the paths that need no Qdrant node to answer. */
@EnableKubernetesMockClient(crud = true)
class MockApiReconcilerTest {

  private static final String NS = "db";
  KubernetesClient client;
  private VigilOperator operator;

  @BeforeEach
  void start() throws IOException {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    operator = new VigilOperator(client, new OperatorSettings(0, Set.of(), "127.0.0.1:" + closedPort(), false,
        NS, "test"));
  }

  @AfterEach
  void stop() {
    operator.close();
  }

  private QdrantClusterWatch create(String name, QdrantClusterWatchSpec spec) {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName(name);
    watch.getMetadata().setNamespace(NS);
    watch.setSpec(spec);
    return client.resources(QdrantClusterWatch.class).inNamespace(NS).resource(watch).create();
  }

  private QdrantClusterWatchStatus statusOf(String name) {
    QdrantClusterWatch watch = client.resources(QdrantClusterWatch.class).inNamespace(NS).withName(name).get();
    return watch == null ? null : watch.getStatus();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static QdrantClusterWatchSpec spec(List<String> nodes, String interval) {
    return new QdrantClusterWatchSpec(null, nodes, null, interval, "1s", null, null, null);
  }

  @Test
  void anInvalidIntervalIsReportedOnTheWatchAndAsAWarningEvent() {
    create("bad", spec(null, "abc"));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      QdrantClusterWatchStatus status = statusOf("bad");
      assertThat(status).isNotNull();
      assertThat(status.conditions()).singleElement().satisfies(c -> {
        assertThat(c.getType()).isEqualTo("Ready");
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("InvalidSpec");
        assertThat(c.getMessage()).contains("spec.interval");
      });
    });
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.v1().events().inNamespace(NS).list()
        .getItems()).anySatisfy(e -> {
          assertThat(e.getReason()).isEqualTo("InvalidSpec");
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getMessage()).contains("spec.interval");
        }));
  }

  @Test
  void staticNodesThatRefuseConnectionsAreUnavailable() throws IOException {
    String url = "http://127.0.0.1:" + closedPort();
    create("static", spec(List.of(url), "30s"));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      QdrantClusterWatchStatus status = statusOf("static");
      assertThat(status).isNotNull();
      assertThat(status.clusterStatus()).isEqualTo("Unavailable");
      assertThat(status.healthyNodes()).isEqualTo("0/1");
      assertThat(status.healthPercentage()).isEqualTo(0.0);
      assertThat(status.discovery()).isEqualTo("static");
      assertThat(status.warnings()).singleElement().satisfies(w -> {
        assertThat(w.node()).isEqualTo(url);
        assertThat(w.type()).isEqualTo("ConnectionError");
      });
      assertThat(status.nodes()).singleElement().satisfies(n -> {
        assertThat(n.state()).isEqualTo("Failing");
        assertThat(n.errorType()).isEqualTo("ConnectionError");
        assertThat(n.url()).isEqualTo(url);
      });
    });
  }

  @Test
  void withoutPodsOrNodesTheOperatorsEnvironmentIsUsed() {
    create("env", spec(null, "30s"));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      QdrantClusterWatchStatus status = statusOf("env");
      assertThat(status).isNotNull();
      assertThat(status.discovery()).isEqualTo("env");
      assertThat(status.healthyNodes()).isEqualTo("0/1");
    });
  }
}
