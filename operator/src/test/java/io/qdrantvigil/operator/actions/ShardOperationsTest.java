package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Shard operations planned as Qdrant's bodies, confined to the cluster, and a transfer followed to its end. */
class ShardOperationsTest {

  private static final DataPlacement TWO_REPLICAS = Placements.products().replica(0, 0, "Active")
      .replica(0, 1, "Active").build();

  private static ActionPlan.ShardOperation plan(String action, String value, DataPlacement placement)
      throws ActionRefused {
    return (ActionPlan.ShardOperation) ActionPlanner.plan(ActionParser.parse(action, value), Clusters.NAMESPACE,
        Clusters.of(Clusters.healthy(0), Clusters.leader(1), Clusters.healthy(2)), placement, (ns, s) -> 3);
  }

  @Test
  void moveShardIsQdrantsBodySentToTheLeaderWithPeerIdsAsNumbers() throws ActionRefused {
    ActionPlan.ShardOperation move = plan("move-shard", "products/0;from=qdrant-0;to=qdrant-2;method=wal_delta",
        TWO_REPLICAS);
    assertThat(move.nodeName()).isEqualTo("qdrant-1");
    assertThat(move.pathAndQuery()).isEqualTo("/collections/products/cluster?timeout=10");
    assertThat(move.body().toString()).isEqualTo("{\"move_shard\":{\"shard_id\":0,\"from_peer_id\":"
        + Clusters.peer(0) + ",\"to_peer_id\":" + Clusters.peer(2) + ",\"method\":\"wal_delta\"}}");
    assertThat(move.describe()).isEqualTo("move shard products/0 from qdrant-0 to qdrant-2");
  }

  @Test
  void aPeerAbove2To63IsWrittenExactlyAndPeersMayBeNamedById() throws ActionRefused {
    ActionPlan.ShardOperation replicate = plan("replicate-shard",
        "products/0;from=" + Clusters.peer(0) + ";to=" + Clusters.peer(2), TWO_REPLICAS);
    assertThat(replicate.body().toString()).contains("\"to_peer_id\":17293822569102704642")
        .startsWith("{\"replicate_shard\":");
    assertThat(plan("abort-transfer", "products/0;from=qdrant-0;to=qdrant-2", TWO_REPLICAS).body().toString())
        .startsWith("{\"abort_transfer\":{\"shard_id\":0,");
    assertThat(plan("drop-replica", "products/0;peer=qdrant-1", TWO_REPLICAS).body().toString())
        .isEqualTo("{\"drop_replica\":{\"shard_id\":0,\"peer_id\":" + Clusters.peer(1) + "}}");
  }

  @Test
  void collectionsShardsAndPeersOutsideTheClusterAreRefused() {
    assertThatThrownBy(() -> plan("move-shard", "orders/0;from=qdrant-0;to=qdrant-2", TWO_REPLICAS))
        .hasMessage("collection 'orders' is not a collection of this cluster");
    assertThatThrownBy(() -> plan("move-shard", "products/7;from=qdrant-0;to=qdrant-2", TWO_REPLICAS))
        .hasMessage("shard products/7 is not a shard of this cluster");
    assertThatThrownBy(() -> plan("move-shard", "products/0;from=qdrant-0;to=42", TWO_REPLICAS))
        .hasMessage("peer 42 is not in this cluster's membership");
    assertThatThrownBy(() -> plan("move-shard", "products/0;from=qdrant-0;to=postgres-0", TWO_REPLICAS))
        .hasMessageContaining("'postgres-0' is neither a pod of this watch");
    assertThatThrownBy(() -> plan("move-shard", "products/0;from=qdrant-0;to=qdrant-2", DataPlacement.UNKNOWN))
        .hasMessage("move-shard needs the data view, which could not be read this poll");
  }

  @Test
  void aMoveIsRunningWithItsProgressThenSucceededWhenTheDestinationIsActiveAndTheSourceGone()
      throws ActionRefused {
    ShardOperations.Follow follow = plan("move-shard", "products/0;from=qdrant-0;to=qdrant-2", TWO_REPLICAS).follow();
    RunningAction running = follow.running();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    RunningAction.Advance sent = running.advance(Clusters.healthyThree(), TWO_REPLICAS, now);
    RunningAction.Advance moving = running.advance(Clusters.healthyThree(), Placements.products()
        .replica(0, 0, "Active").replica(0, 1, "Active").replica(0, 2, "Partial")
        .transfer(0, 0, 2, "transferring records (1200/3000)").build(), now);
    RunningAction.Advance done = running.advance(Clusters.healthyThree(), Placements.products()
        .replica(0, 1, "Active").replica(0, 2, "Active").build(), now);

    assertThat(sent.outcome()).as("the view of the poll that sent it was read before").isEmpty();
    assertThat(sent.progress()).isEqualTo("transfer of shard products/0 from qdrant-0 to qdrant-2: accepted by"
        + " Qdrant, waiting for the next poll");
    assertThat(moving.outcome()).isEmpty();
    assertThat(moving.progress()).isEqualTo("transfer of shard products/0 from qdrant-0 to qdrant-2: "
        + "transferring records (1200/3000)");
    assertThat(done.outcome()).contains(ActionOutcome.succeeded("shard products/0 moved from qdrant-0 to qdrant-2"));
  }

  @Test
  void aTransferGoneWithoutAnActiveDestinationIsFailed() throws ActionRefused {
    RunningAction running = plan("replicate-shard", "products/0;from=qdrant-0;to=qdrant-2", TWO_REPLICAS).follow()
        .running();
    running.advance(Clusters.healthyThree(), TWO_REPLICAS, Instant.EPOCH);
    running.advance(Clusters.healthyThree(), Placements.products().replica(0, 0, "Active").replica(0, 1, "Active")
        .replica(0, 2, "Partial").transfer(0, 0, 2, null).build(), Instant.EPOCH);
    RunningAction.Advance aborted = running.advance(Clusters.healthyThree(), Placements.products()
        .replica(0, 0, "Active").replica(0, 1, "Active").replica(0, 2, "Dead").build(), Instant.EPOCH);
    assertThat(aborted.outcome()).hasValueSatisfying(o -> {
      assertThat(o.outcome()).isEqualTo("Failed");
      assertThat(o.message()).isEqualTo("the transfer of shard products/0 from qdrant-0 to qdrant-2 ended without an"
          + " Active replica on qdrant-2 (Dead): Qdrant aborted it or it was aborted");
    });
  }

  @Test
  void aTransferNoPollListsAfterQdrantAcceptedItIsFailedAfterAFewPolls() throws ActionRefused {
    RunningAction running = plan("replicate-shard", "products/0;from=qdrant-0;to=qdrant-2", TWO_REPLICAS).follow()
        .running();
    running.advance(Clusters.healthyThree(), TWO_REPLICAS, Instant.EPOCH);
    for (int poll = 1; poll < FollowedTransfer.POLLS_TO_APPEAR; poll++) {
      assertThat(running.advance(Clusters.healthyThree(), TWO_REPLICAS, Instant.EPOCH).progress())
          .isEqualTo("transfer of shard products/0 from qdrant-0 to qdrant-2: waiting for Qdrant to list it");
    }
    RunningAction.Advance unseen = running.advance(Clusters.healthyThree(), TWO_REPLICAS, Instant.EPOCH);
    assertThat(unseen.outcome()).contains(ActionOutcome.failed("the transfer of shard products/0 from qdrant-0 to"
        + " qdrant-2 ended without an Active replica on qdrant-2 (no replica): no poll listed it after Qdrant"
        + " accepted it"));
  }
}
