package io.qdrantvigil.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.ApiKeySecretRef;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The API-key Secret as a watched secondary resource, on fabric8's mock API: a Secret created after
 * its watch is picked up at once, one without the label is refused by name, an invalid spec is
 * checked again at every interval, and the key never reaches the operator's log.
 */
@EnableKubernetesMockClient(crud = true)
class ApiKeySecretMockApiTest {

  private static final String NS = "db";
  private static final String KEY = "sk-very-secret-4f1c2a";
  KubernetesClient client;
  private VigilOperator operator;
  private MockWebServer node;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger vigilLogger = (Logger) LoggerFactory.getLogger("io.qdrantvigil");
  private Level vigilLevel;

  @BeforeEach
  void start() throws IOException {
    log.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    vigilLevel = vigilLogger.getLevel();
    vigilLogger.setLevel(Level.DEBUG);
    node = new MockWebServer();
    node.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse().setResponseCode(401).setBody("{\"status\":{\"error\":\"Invalid api-key\"}}");
      }
    });
    node.start();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    operator = new VigilOperator(client, new OperatorSettings(0, Set.of(), null, false, NS, "test"));
  }

  @AfterEach
  void stop() throws IOException {
    operator.close();
    node.shutdown();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    vigilLogger.setLevel(vigilLevel);
  }

  private void createWatch(String name, String interval) {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName(name);
    watch.getMetadata().setNamespace(NS);
    watch.setSpec(new QdrantClusterWatchSpec(null, List.of(node.url("/").toString()), null, interval, "2s",
        new ApiKeySecretRef("qdrant-key", "api-key"), null, null));
    client.resources(QdrantClusterWatch.class).inNamespace(NS).resource(watch).create();
  }

  private void createSecret(Map<String, String> labels) {
    Secret secret = new SecretBuilder().withNewMetadata().withName("qdrant-key").withNamespace(NS)
        .withLabels(labels).endMetadata()
        .withStringData(Map.of("api-key", KEY)).build();
    client.secrets().inNamespace(NS).resource(secret).create();
  }

  private QdrantClusterWatchStatus statusOf(String name) {
    QdrantClusterWatch watch = client.resources(QdrantClusterWatch.class).inNamespace(NS).withName(name).get();
    return watch == null ? null : watch.getStatus();
  }

  private String readyMessage(String name) {
    QdrantClusterWatchStatus status = statusOf(name);
    if (status == null || status.conditions() == null) {
      return "";
    }
    return status.conditions().stream().filter(c -> "Ready".equals(c.getType())).map(c -> c.getReason() + ": "
        + c.getMessage()).findFirst().orElse("");
  }

  @Test
  void aSecretCreatedAfterItsWatchIsUsedAtOnce() throws InterruptedException {
    createWatch("later", "60s");
    await().atMost(Duration.ofSeconds(20)).until(() -> readyMessage("later").contains("not found"));
    createSecret(Map.of("qdrantvigil.io/api-key", "true"));
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      QdrantClusterWatchStatus status = statusOf("later");
      assertThat(status.clusterStatus()).isEqualTo("Unavailable");
      assertThat(status.nodes()).singleElement().satisfies(n -> assertThat(n.errorType()).isEqualTo("Unauthorized"));
    });
    assertThat(node.takeRequest().getHeader("api-key")).isEqualTo(KEY);
    assertKeyNeverLogged();
  }

  @Test
  void aSecretWithoutTheLabelIsAnInvalidSpecNamingTheLabelCheckedAgainEveryInterval() {
    createWatch("unlabelled", "5s");
    await().atMost(Duration.ofSeconds(20)).until(() -> readyMessage("unlabelled").contains("not found"));
    createSecret(Map.of("app", "qdrant"));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(readyMessage("unlabelled"))
        .startsWith("InvalidSpec: spec.apiKeySecretRef").contains("qdrantvigil.io/api-key: \"true\""));
    assertThat(node.getRequestCount()).isZero();
    assertKeyNeverLogged();
  }

  private void assertKeyNeverLogged() {
    assertThat(log.list).isNotEmpty();
    assertThat(log.list).allSatisfy(event -> {
      assertThat(event.getFormattedMessage()).doesNotContain(KEY);
      if (event.getThrowableProxy() != null) {
        assertThat(ThrowableProxyUtil.asString(event.getThrowableProxy())).doesNotContain(KEY);
      }
    });
  }
}
