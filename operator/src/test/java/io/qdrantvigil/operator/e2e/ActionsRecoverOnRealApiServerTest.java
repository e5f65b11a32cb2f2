package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.FaultSpec;
import io.qdrantvigil.sandbox.qdrant.RecoveryRequest;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code qdrantvigil.io/recover}: the node named (by pod or by peer id) receives exactly the
 * {@code PUT /collections/NAME/snapshots/recover} asked for, in the background while polls go on;
 * a snapshot URL's credentials reach that node and nothing else: not the status, not the Events, not
 * the operator's log.
 */
class ActionsRecoverOnRealApiServerTest extends ActionsOnRealApiServerTest {

  private static final String SNAPSHOTS = "/collections/products/snapshots";
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void captureLog() {
    log.start();
    root().addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    root().detachAppender(log);
    log.stop();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** Everything the operator logged in this test: messages and the messages of their exceptions. */
  private String logged() {
    StringBuilder text = new StringBuilder();
    for (ILoggingEvent event : log.list) {
      text.append(event.getFormattedMessage()).append('\n');
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        text.append(t.getMessage()).append('\n');
      }
    }
    return text.toString();
  }

  @Test
  void theNodeGetsTheExactRequestWithItsCredentialsWhileNothingElseShowsThem() throws Exception {
    healthySandbox(ClusterOptions.defaults());
    String location = "http://user:pw@snapshots.example/p.snapshot";
    String shown = "qdrant-1;collection=products;url=http://***@snapshots.example/p.snapshot;priority=snapshot";
    SimulatedNode node = sandbox.cluster.node(1);
    // A download that takes a while: the record shows it Running, and polls go on meanwhile.
    node.setFault(FaultSpec.slow(Duration.ofSeconds(8)).onPath(SNAPSHOTS));

    annotate("recover=qdrant-1;collection=products;url=" + location + ";priority=snapshot");

    QdrantClusterWatchStatus running = awaitStatus(s -> s.actions() != null && s.actions().stream().anyMatch(r ->
        "recover".equals(r.action()) && "Running".equals(r.outcome()) && !"taken".equals(r.message())));
    assertThat(running.actions().get(0)).satisfies(r -> {
      assertThat(r.request()).isEqualTo(shown);
      assertThat(r.message()).isEqualTo("recover collection products on qdrant-1 from http://***@snapshots.example/p.snapshot");
    });
    assertThat(kubectl("get", "qcw", WATCH, "-o", "yaml").stdout()).doesNotContain("pw").contains("***");
    // Polls go on meanwhile: another node going down shows in the status before the recovery ends.
    sandbox.cluster.node(2).setFault(Fault.STOPPED);
    awaitAnotherIntake();
    assertThat(sandbox.status(WATCH).clusterStatus()).isEqualTo("Degraded");
    assertThat(records("recover")).singleElement().extracting(ActionRecord::outcome)
        .as("polled again while the recovery runs").isEqualTo("Running");

    ActionRecord record = awaitRecord("recover", shown);
    assertThat(record.outcome()).isEqualTo("Succeeded");
    assertThat(record.message()).isEqualTo("collection products recovered on qdrant-1");
    assertThat(node.recoveryRequests()).singleElement().satisfies(r -> {
      assertThat(r.collection()).isEqualTo("products");
      assertThat(r.location()).isEqualTo(location);
      assertThat(r.priority()).isEqualTo("snapshot");
      assertThat(r.checksum()).isNull();
      assertThat(r.waitRequested()).isTrue();
      assertThat(r.responseStatus()).isEqualTo(200);
      assertThat(new ObjectMapper().readValue(r.rawBody(), Map.class))
          .isEqualTo(Map.of("location", location, "priority", "snapshot"));
    });
    assertThat(sandbox.cluster.node(0).recoveryRequests()).isEmpty();
    assertThat(sandbox.cluster.node(2).recoveryRequests()).isEmpty();
    awaitEvent("Normal", "ActionSucceeded", "recover '" + shown + "': Succeeded");
    assertNoActionAnnotationLeft();

    assertThat(kubectl("get", "qcw", WATCH, "-o", "yaml").stdout()).doesNotContain("pw");
    assertThat(kubectl("get", "events", "-o", "yaml").stdout()).doesNotContain("pw").contains("***");
    assertThat(kubectl("describe", "qcw", WATCH).stdout()).doesNotContain("pw");
    assertThat(logged()).contains("recover '" + shown + "': Succeeded").doesNotContain("user:pw").doesNotContain("pw@");
  }

  @Test
  void aNodeNamedByPeerIdGetsTheChecksumAndQdrantsMismatchIsTheFailedOutcome() {
    healthySandbox(ClusterOptions.defaults());
    String location = "http://snapshots.example/products.snapshot";
    String sha = "3b".repeat(32);
    String wrong = "0f".repeat(32);
    sandbox.cluster.publishSnapshot(location, sha);
    SimulatedNode node = sandbox.cluster.node(2);
    String base = node.peerId() + ";collection=products;url=" + location;

    annotate("recover=" + base + ";checksum=" + wrong);

    ActionRecord failed = awaitRecord("recover", base + ";checksum=" + wrong);
    assertThat(failed.outcome()).isEqualTo("Failed");
    assertThat(failed.message()).contains("Snapshot checksum mismatch: expected " + wrong + ", got " + sha);
    awaitEvent("Warning", "ActionFailed", "Snapshot checksum mismatch");

    annotate("recover=" + base + ";checksum=" + sha + ";priority=replica");

    ActionRecord done = awaitRecord("recover", base + ";checksum=" + sha + ";priority=replica");
    assertThat(done.outcome()).isEqualTo("Succeeded");
    assertThat(done.message()).isEqualTo("collection products recovered on qdrant-2");
    assertThat(node.recoveryRequests()).extracting(RecoveryRequest::collection, RecoveryRequest::location,
            RecoveryRequest::checksum, RecoveryRequest::priority, RecoveryRequest::responseStatus)
        .containsExactly(
            tuple("products", location, wrong, null, 400),
            tuple("products", location, sha, "replica", 200));
    assertThat(sandbox.cluster.node(0).recoveryRequests()).isEmpty();
    assertThat(sandbox.cluster.node(1).recoveryRequests()).isEmpty();
    assertNoActionAnnotationLeft();
  }
}
