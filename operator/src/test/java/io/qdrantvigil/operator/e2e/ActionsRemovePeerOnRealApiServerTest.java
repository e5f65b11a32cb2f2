package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code qdrantvigil.io/remove-peer}: Qdrant's {@code DELETE /cluster/peer/ID} through the leader;
 * the peer leaves the membership of every node still running. Qdrant's own refusal (the peer still
 * holds shards) is the outcome, Failed, with Qdrant's words; {@code ;force} removes it anyway.
 */
class ActionsRemovePeerOnRealApiServerTest extends ActionsOnRealApiServerTest {

  /** A follower whose process is down: the peer an operator would remove. */
  private SimulatedNode stoppedFollower() {
    String leader = sandbox.cluster.leaderPeerId().orElseThrow();
    SimulatedNode follower = sandbox.cluster.nodes().stream().filter(n -> !n.peerId().equals(leader))
        .reduce((first, second) -> second).orElseThrow();
    follower.setFault(Fault.STOPPED);
    awaitStatus(s -> "Degraded".equals(s.clusterStatus()));
    return follower;
  }

  private List<SimulatedNode> liveNodes() {
    return sandbox.cluster.nodes().stream().filter(SimulatedNode::isRunning).toList();
  }

  @Test
  void aPeerWithoutShardsLeavesEveryLiveNodesMembership() {
    healthySandbox(ClusterOptions.defaults().withCollections());
    SimulatedNode leader = sandbox.cluster.leader().orElseThrow();
    SimulatedNode gone = stoppedFollower();
    assertThat(liveNodes()).hasSize(2)
        .allSatisfy(n -> assertThat(n.raft().peers()).contains(gone.peerId()));

    annotate("remove-peer=" + gone.peerId());

    ActionRecord record = awaitRecord("remove-peer", gone.peerId());
    assertThat(record.outcome()).isEqualTo("Succeeded");
    assertThat(record.message()).isEqualTo("peer " + gone.peerId() + " removed through qdrant-" + leader.ordinal());
    assertThat(record.time()).isNotBlank();
    assertThat(liveNodes()).hasSize(2)
        .allSatisfy(n -> assertThat(n.raft().peers()).doesNotContain(gone.peerId()).hasSize(2));
    awaitEvent("Normal", "ActionSucceeded", "remove-peer '" + gone.peerId() + "'");
    assertNoActionAnnotationLeft();
  }

  @Test
  void qdrantsRefusalForAPeerHoldingShardsIsTheFailedOutcomeAndForceRemovesIt() {
    healthySandbox(ClusterOptions.defaults());
    SimulatedNode gone = stoppedFollower();

    annotate("remove-peer=" + gone.peerId());

    ActionRecord refused = awaitRecord("remove-peer", gone.peerId());
    assertThat(refused.outcome()).isEqualTo("Failed");
    assertThat(refused.message()).contains("Cannot remove peer " + gone.peerId() + " as there are shards on it");
    assertThat(liveNodes()).allSatisfy(n -> assertThat(n.raft().peers()).contains(gone.peerId()).hasSize(3));
    awaitEvent("Warning", "ActionFailed", "as there are shards on it");
    assertNoActionAnnotationLeft();

    annotate("remove-peer=" + gone.peerId() + ";force");

    ActionRecord forced = awaitRecord("remove-peer", gone.peerId() + ";force");
    assertThat(forced.outcome()).isEqualTo("Succeeded");
    assertThat(forced.message()).startsWith("peer " + gone.peerId() + " removed through qdrant-");
    await().atMost(WAIT).untilAsserted(() -> assertThat(liveNodes()).hasSize(2)
        .allSatisfy(n -> assertThat(n.raft().peers()).doesNotContain(gone.peerId()).hasSize(2)));
    // Both requests are in the history, newest first.
    assertThat(records("remove-peer")).extracting(ActionRecord::request, ActionRecord::outcome)
        .containsExactly(tuple(gone.peerId() + ";force", "Succeeded"),
            tuple(gone.peerId(), "Failed"));
    assertNoActionAnnotationLeft();
  }
}
