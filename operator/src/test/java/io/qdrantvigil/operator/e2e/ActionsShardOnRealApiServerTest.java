package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.ReplicaState;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code move-shard} and {@code replicate-shard} on the real apiserver with the real kubectl and the
 * simulated data plane: the request is {@code Running} with the transfer's progress while Qdrant
 * copies the shard, {@code Succeeded} once the destination holds it Active (and, for a move, the
 * source no longer does), and {@code Failed} with Qdrant's own text when Qdrant refuses it.
 */
class ActionsShardOnRealApiServerTest extends ActionsOnRealApiServerTest {

  private static final Duration TRANSFER = Duration.ofSeconds(90);

  /** Shard 0 of products (factor 2 on 3 nodes): one of its holders, and the node without it. */
  private record ShardZero(SimulatedNode holder, SimulatedNode lacking) {
    String from() {
      return "qdrant-" + holder.ordinal();
    }

    String to() {
      return "qdrant-" + lacking.ordinal();
    }
  }

  private ShardZero shardZero() {
    return new ShardZero(nodes("products", 0, true).get(0), nodes("products", 0, false).get(0));
  }

  private SandboxCase readySandbox() {
    healthySandbox(ClusterOptions.defaults());
    awaitStatus(s -> s.data() != null && "Healthy".equals(s.data().state()));
    return sandbox;
  }

  /** Waits for the outcome, collecting every distinct Running message seen on the way. */
  private ActionRecord follow(String action, String request, List<String> progress) {
    return awaitRecordAdvancingClock(action, request, TRANSFER, () -> collectProgress(action, request, progress));
  }

  @Test
  void aMoveIsRunningWithTheTransfersProgressThenSucceededWithTheShardOnItsNewPeerOnly() {
    readySandbox();
    ShardZero shard = shardZero();
    String request = "products/0;from=" + shard.from() + ";to=" + shard.to();
    List<String> progress = new ArrayList<>();

    annotate("move-shard=" + request);

    ActionRecord record = follow("move-shard", request, progress);
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Succeeded");
    assertThat(record.message()).isEqualTo("shard products/0 moved from " + shard.from() + " to " + shard.to());
    assertThat(progress).as("Running with the transfer's progress").anySatisfy(m -> assertThat(m)
        .startsWith("transfer of shard products/0 from " + shard.from() + " to " + shard.to() + ": "));
    Map<String, ReplicaState> replicas = sandbox.cluster.replicaStates("products").get(0);
    assertThat(replicas).containsEntry(shard.lacking().peerId(), ReplicaState.Active)
        .doesNotContainKey(shard.holder().peerId());
    awaitEvent("Normal", "ActionSucceeded", "move-shard '" + request + "': Succeeded");
  }

  @Test
  void aReplicationSucceedsWithTheSourceKeepingItsReplica() {
    readySandbox();
    ShardZero shard = shardZero();
    String request = "products/0;from=" + shard.from() + ";to=" + shard.to();

    annotate("replicate-shard=" + request);

    ActionRecord record = follow("replicate-shard", request, new ArrayList<>());
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Succeeded");
    assertThat(record.message()).isEqualTo("shard products/0 replicated from " + shard.from() + " to "
        + shard.to());
    assertThat(sandbox.cluster.replicaStates("products").get(0))
        .containsEntry(shard.lacking().peerId(), ReplicaState.Active)
        .containsEntry(shard.holder().peerId(), ReplicaState.Active);
    awaitStatusAdvancingClock(s -> "7/7".equals(s.data().readableReplicas()));
  }

  @Test
  void qdrantsRefusalIsTheFailedOutcomeWithItsText() {
    readySandbox();
    ShardZero shard = shardZero();
    // From the node that holds no replica of the shard: Qdrant refuses when it applies the operation.
    String request = "products/0;from=" + shard.to() + ";to=" + shard.from();

    annotate("move-shard=" + request);

    ActionRecord record = awaitRecord("move-shard", request);
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Failed");
    assertThat(record.message()).contains("Shard 0 is not active on peer " + shard.lacking().peerId());
    assertThat(sandbox.cluster.transfers("products")).isEmpty();
    awaitEvent("Warning", "ActionFailed", "move-shard '" + request + "': Failed");
  }
}
