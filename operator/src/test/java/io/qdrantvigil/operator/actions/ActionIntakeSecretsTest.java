package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.kube.StatusWriter;
import io.qdrantvigil.operator.kube.WatchEvents;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import io.qdrantvigil.operator.spec.WatchSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * A snapshot URL's credentials never reach the status, the Events or the operator's log, whatever
 * shape the URL has: a ';' that splits it, no scheme, an encoded ';', an IPv6 host.
 */
@EnableKubernetesMockClient(crud = true)
class ActionIntakeSecretsTest {

  private static final String NS = Clusters.NAMESPACE;
  KubernetesClient client;
  private final QdrantClient qdrant = new QdrantClient();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger operatorLogger = (Logger) LoggerFactory.getLogger("io.qdrantvigil");
  private ActionIntake intake;

  @BeforeEach
  void start() {
    log.start();
    operatorLogger.addAppender(log);
    intake = new ActionIntake(client, qdrant, new StatusWriter(client), new WatchEvents(client),
        ActionOutcomeListener.NONE);
  }

  @AfterEach
  void stop() {
    operatorLogger.detachAppender(log);
    intake.close();
    qdrant.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // A ';' inside the URL splits the value: the request does not parse.
      "url=https://user:pa;ss@host/snap | pa;ss | url=***",
      "url=https://user:p@ss@host/snap;dry-run | p@ss | url=https://***@host/snap;dry-run",
      // A dry run of a URL that parses: user-info hidden, the rest kept (the encoded ';' too).
      "url=https://user:pa%3Bss@host/snap%3Bv2;dry-run | pa%3Bss | url=https://***@host/snap%3Bv2;dry-run",
      "url=user:secret-pw@host/x | secret-pw | url=***",
      "url=http://user:secret-pw@[2001:db8::1]:9000/s.snapshot;dry-run | secret-pw"
          + " | url=http://***@[2001:db8::1]:9000/s.snapshot;dry-run",
  })
  void credentialsAreInNoRecordEventOrLogLine(String urlOptions, String password, String recordedTail) {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName("prod");
    watch.getMetadata().setNamespace(NS);
    watch.getMetadata().setAnnotations(Map.of("qdrantvigil.io/recover", "qdrant-0;collection=c;" + urlOptions));
    QdrantClusterWatch created = client.resources(QdrantClusterWatch.class).inNamespace(NS).resource(watch).create();

    intake.process(created, Clusters.healthyThree(), settings(), null);

    List<ActionRecord> records = client.resources(QdrantClusterWatch.class).inNamespace(NS).withName("prod").get()
        .getStatus().actions();
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.request()).isEqualTo("qdrant-0;collection=c;" + recordedTail);
      assertThat(r.outcome()).isIn("Refused", "DryRun");
    });
    List<String> texts = Stream.of(
        records.stream().flatMap(r -> Stream.of(r.request(), r.message())),
        client.v1().events().inNamespace(NS).list().getItems().stream().map(e -> e.getMessage()),
        log.list.stream().map(ILoggingEvent::getFormattedMessage)).flatMap(s -> s).toList();
    assertThat(log.list).isNotEmpty();
    assertThat(texts).isNotEmpty().allSatisfy(text -> {
      assertThat(text).doesNotContain(password);
      assertThat(text).doesNotContain("user:");
    });
  }

  private static WatchSettings settings() {
    try {
      return WatchSettings.from(null);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
