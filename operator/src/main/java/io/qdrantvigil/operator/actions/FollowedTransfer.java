package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.data.ReplicaStates;
import io.qdrantvigil.operator.health.ClusterAssessment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A move or replication Qdrant accepted, followed across polls: Running with the transfer's progress
 * while it is listed, Succeeded once it is gone and the destination holds an Active replica (and, for
 * a move, the source none), Failed when it is gone without that (Qdrant aborted it). The view of the
 * poll that sent it was read before Qdrant took it, so that one is not judged; a transfer that no
 * view of the next {@link #POLLS_TO_APPEAR} polls lists, and that left no replica behind, is Failed.
 */
final class FollowedTransfer implements RunningAction {

  static final int POLLS_TO_APPEAR = 3;
  private static final List<String> ON_THE_WAY = List.of(ReplicaStates.PARTIAL, ReplicaStates.RECOVERY,
      ReplicaStates.INITIALIZING);

  private final ShardOperations.Follow follow;
  private boolean sent;
  private boolean seen;
  private int pollsUnseen;

  FollowedTransfer(ShardOperations.Follow follow) {
    this.follow = follow;
  }

  @Override
  public boolean multiStep() {
    return false;
  }

  @Override
  public String name() {
    return (follow.move() ? "move-shard " : "replicate-shard ") + follow.shard();
  }

  @Override
  public void cancel() {
    // A transfer is one step: cancel concerns multi-step actions only.
  }

  @Override
  public Advance advance(ClusterAssessment assessment, DataPlacement placement, Instant now) {
    String what = "transfer of shard " + follow.shard() + " from " + follow.from().name() + " to "
        + follow.to().name();
    if (!sent) {
      sent = true;
      return Advance.going(what + ": accepted by Qdrant, waiting for the next poll", List.of());
    }
    if (!placement.known()) {
      return Advance.going(what + ": waiting for the data view", List.of());
    }
    Optional<DataPlacement.ShardTransfer> transfer = placement.transfers().stream()
        .filter(t -> t.shardRef().equals(follow.shard()) && t.from().equals(follow.from().id())
            && t.to().equals(follow.to().id()))
        .findFirst();
    if (transfer.isPresent()) {
      seen = true;
      String comment = transfer.get().comment();
      return Advance.going(what + ": " + (comment == null ? "running" : comment), List.of());
    }
    Optional<DataPlacement.PlacedReplica> target = placement.replica(follow.shard(), follow.to().id());
    if (target.isPresent() && ReplicaStates.ACTIVE.equals(target.get().state())
        && (!follow.move() || placement.replica(follow.shard(), follow.from().id()).isEmpty())) {
      return Advance.ended(ActionOutcome.succeeded("shard " + follow.shard() + (follow.move() ? " moved" : " replicated")
          + " from " + follow.from().name() + " to " + follow.to().name()), List.of());
    }
    if (target.isPresent() && ON_THE_WAY.contains(target.get().state())) {
      seen = true;
      return Advance.going(what + ": destination " + target.get().state(), List.of());
    }
    if (!seen && ++pollsUnseen < POLLS_TO_APPEAR) {
      return Advance.going(what + ": waiting for Qdrant to list it", List.of());
    }
    return Advance.ended(ActionOutcome.failed("the " + what + " ended without an Active replica on "
        + follow.to().name() + target.map(r -> " (" + r.state() + ")").orElse(" (no replica)")
        + (seen ? ": Qdrant aborted it or it was aborted" : ": no poll listed it after Qdrant accepted it")),
        List.of());
  }
}
