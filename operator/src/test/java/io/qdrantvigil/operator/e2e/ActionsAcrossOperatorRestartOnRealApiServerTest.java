package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.FaultSpec;
import io.qdrantvigil.sandbox.qdrant.RecoveryRequest;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * At most once across operator restarts, with operator processes this class starts and stops itself
 * (one at a time; no other operator runs meanwhile): a request taken but unfinished when the operator
 * stopped is Interrupted by the next one and never sent again; the same annotation written again is
 * a new request; a request written while no operator runs is run once by the next.
 */
class ActionsAcrossOperatorRestartOnRealApiServerTest extends ActionsOnRealApiServerTest {

  private static final String LOCATION = "http://snapshots.example/products.snapshot";

  @Override
  boolean startsOperator() {
    return false;
  }

  @AfterEach
  void stopThisTestsOperator() {
    if (operator != null) {
      operator.close();
      operator = null;
    }
  }

  private void restartOperator(String identity) throws IOException {
    operator.close();
    operator = null;
    operator = startOperator(identity);
  }

  @Test
  void aRecoveryCutShortIsInterruptedNeverSentTwiceAndTheSameAnnotationRunsAgain() throws Exception {
    operator = startOperator("first");
    healthySandbox(ClusterOptions.defaults());
    SimulatedNode node = sandbox.cluster.node(1);
    // The node accepts the recovery and does not answer: the download is still going when the operator stops.
    node.setFault(FaultSpec.of(Fault.HUNG).onPath("/collections/products/snapshots"));
    String value = "qdrant-1;collection=products;url=" + LOCATION;

    annotate("recover=" + value);
    await().atMost(WAIT).until(() -> node.hungRequests() == 1 && records("recover").stream()
        .anyMatch(r -> "Running".equals(r.outcome()) && r.message().startsWith("recover collection products")));
    assertNoActionAnnotationLeft();

    restartOperator("second");

    ActionRecord interrupted = awaitRecord("recover", value);
    assertThat(interrupted.outcome()).isEqualTo("Interrupted");
    assertThat(interrupted.message()).isEqualTo("the operator stopped before this request finished; it was not retried");
    awaitEvent("Warning", "ActionInterrupted", "recover '" + value + "': Interrupted");
    // Another reconcile of the new operator, its action intake included: nothing is sent again.
    awaitAnotherIntake();
    assertThat(node.hungRequests()).as("requests parked at the node").isEqualTo(1);
    assertThat(records("recover")).singleElement().extracting(ActionRecord::outcome).isEqualTo("Interrupted");

    // The node lets the parked request through: it received exactly one.
    node.heal();
    await().atMost(WAIT).until(() -> node.recoveryRequests().size() == 1);
    assertThat(node.hungRequests()).isZero();

    // The same annotation, written again once the first was taken, is a new request and runs.
    annotate("recover=" + value);

    await().atMost(WAIT).until(() -> records("recover").size() == 2
        && "Succeeded".equals(records("recover").get(0).outcome()));
    assertThat(records("recover")).extracting(ActionRecord::request).containsOnly(value);
    assertThat(records("recover").get(1).outcome()).isEqualTo("Interrupted");
    assertThat(node.recoveryRequests()).hasSize(2).allSatisfy(r -> {
      assertThat(r.location()).isEqualTo(LOCATION);
      assertThat(r.collection()).isEqualTo("products");
    });
    assertThat(node.recoveryRequests()).extracting(RecoveryRequest::responseStatus).containsExactly(200, 200);
  }

  @Test
  void aSafeRestartCutShortIsInterruptedWithThePodsDoneAndNoPodIsRestartedTwice() throws Exception {
    operator = startOperator("first");
    healthySandbox(ClusterOptions.defaults());
    Map<String, Set<String>> uids = new TreeMap<>();
    Runnable trackUids = () -> List.of("qdrant-0", "qdrant-1", "qdrant-2").forEach(pod -> {
      String uid = uid(pod);
      if (uid != null) {
        uids.computeIfAbsent(pod, p -> new TreeSet<>()).add(uid);
      }
    });
    trackUids.run();

    annotate("restart=qdrant;safe");
    advancingClockUntil(Duration.ofSeconds(90), () -> {
      trackUids.run();
      return records("restart").stream().anyMatch(r -> "Running".equals(r.outcome())
          && r.message().startsWith("1/3 pods restarted ("));
    });
    String done = records("restart").get(0).message().replaceFirst("^1/3 pods restarted \\((qdrant-\\d)\\).*", "$1");

    restartOperator("second");

    ActionRecord interrupted = awaitRecordAdvancingClock("restart", "qdrant;safe", WAIT, trackUids);
    assertThat(interrupted.outcome()).isEqualTo("Interrupted");
    assertThat(interrupted.message()).startsWith("the operator stopped before this request finished; it was not"
        + " retried; when it stopped: 1/3 pods restarted (" + done + ")");
    awaitEvent("Warning", "ActionInterrupted", "restart 'qdrant;safe': Interrupted");
    awaitAnotherIntake();
    awaitAnotherIntake();
    trackUids.run();
    assertThat(uids.get(done)).as("the pod restarted before the stop, once").hasSize(2);
    assertThat(uids.values()).allSatisfy(seen -> assertThat(seen).as("no pod restarted twice").hasSizeLessThan(3));
    assertThat(uids.values().stream().filter(seen -> seen.size() == 1).count())
        .as("pods the first operator had not reached are never restarted by the second").isGreaterThanOrEqualTo(1);
    assertThat(records("restart")).singleElement().extracting(ActionRecord::outcome).isEqualTo("Interrupted");
  }

  @Test
  void aRequestWrittenWhileNoOperatorRunsIsRunOnceByTheNext() throws Exception {
    operator = startOperator("before");
    healthySandbox(ClusterOptions.defaults());
    operator.close();
    operator = null;
    String uid = uid("qdrant-1");

    annotate("delete-pod=qdrant-1;force");
    assertThat(actionAnnotationKeys()).containsExactly("qdrantvigil.io/delete-pod");
    assertThat(uid("qdrant-1")).isEqualTo(uid);

    operator = startOperator("after");

    assertThat(awaitRecord("delete-pod", "qdrant-1;force").outcome()).isEqualTo("Succeeded");
    awaitReplaced("qdrant-1", uid);
    String replacement = uid("qdrant-1");
    awaitStatusAdvancingClock(s -> QdrantClusterWatchStatus.HEALTHY.equals(s.clusterStatus()));
    awaitAnotherIntake();
    assertThat(uid("qdrant-1")).isEqualTo(replacement);
    assertThat(records("delete-pod")).hasSize(1);
    assertNoActionAnnotationLeft();
  }
}
