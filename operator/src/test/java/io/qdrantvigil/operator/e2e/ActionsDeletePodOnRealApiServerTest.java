package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import org.junit.jupiter.api.Test;

/**
 * {@code qdrantvigil.io/delete-pod}: the pod is deleted and its StatefulSet brings it back under a
 * new uid. Without {@code force} a pod whose node is a reachable Raft voter is kept when deleting it
 * would leave fewer reachable voters than a strict majority; a pod that does not answer may always go.
 */
class ActionsDeletePodOnRealApiServerTest extends ActionsOnRealApiServerTest {

  @Test
  void forceDeletesAHealthyPodItComesBackAndLaterPollsDoNotDeleteItAgain() {
    healthySandbox(ClusterOptions.defaults());
    String uid = uid("qdrant-1");

    annotate("delete-pod=qdrant-1;force");

    ActionRecord record = awaitRecord("delete-pod", "qdrant-1;force");
    assertThat(record.outcome()).isEqualTo("Succeeded");
    assertThat(record.message()).isEqualTo("pod qdrant-1 deleted with grace period 0");
    awaitReplaced("qdrant-1", uid);
    awaitEvent("Normal", "ActionSucceeded", "delete-pod 'qdrant-1;force': Succeeded");
    assertNoActionAnnotationLeft();
    awaitStatusAdvancingClock(s -> QdrantClusterWatchStatus.HEALTHY.equals(s.clusterStatus()));

    // At most once across re-reconciles: the pod's own events reconciled the watch again, and one
    // more reconcile with its action intake leaves the new pod alone and the history with one record.
    String replacement = uid("qdrant-1");
    awaitAnotherIntake();
    assertThat(uid("qdrant-1")).isEqualTo(replacement);
    assertThat(records("delete-pod")).hasSize(1);
  }

  @Test
  void aFailingPodIsDeletedWithoutForce() {
    healthySandbox(ClusterOptions.defaults());
    sandbox.cluster.node(1).setFault(Fault.STOPPED);
    awaitStatus(s -> s.nodes() != null && "Failing".equals(s.nodes().get(1).state()));
    String uid = uid("qdrant-1");

    annotate("delete-pod=qdrant-1");

    ActionRecord record = awaitRecord("delete-pod", "qdrant-1");
    assertThat(record.outcome()).isEqualTo("Succeeded");
    assertThat(record.message()).isEqualTo("pod qdrant-1 evicted");
    awaitReplaced("qdrant-1", uid);
    awaitEvent("Normal", "ActionSucceeded", "delete-pod 'qdrant-1': Succeeded");
  }

  @Test
  void deletingAHealthyPodThatWouldBreakTheRaftMajorityIsRefusedAndThePodIsUntouched() {
    healthySandbox(ClusterOptions.defaults());
    sandbox.cluster.node(2).setFault(Fault.STOPPED);
    awaitStatus(s -> "Degraded".equals(s.clusterStatus()) && "2/3".equals(s.healthyNodes()));
    String uid = uid("qdrant-1");

    annotate("delete-pod=qdrant-1");

    ActionRecord record = awaitRecord("delete-pod", "qdrant-1");
    assertThat(record.outcome()).isEqualTo("Refused");
    assertThat(record.message()).isEqualTo("deleting pod 'qdrant-1' would leave 1 reachable Raft voters, fewer than"
        + " a strict majority (2 of 3 voters); add ';force' to do it anyway");
    assertThat(pod("qdrant-1").getMetadata().getUid()).isEqualTo(uid);
    assertThat(pod("qdrant-1").getMetadata().getDeletionTimestamp()).isNull();
    awaitEvent("Warning", "ActionRefused", "delete-pod 'qdrant-1': Refused");
    // Refused is an outcome too: the request was taken, it does not linger to run later.
    assertNoActionAnnotationLeft();
  }
}
