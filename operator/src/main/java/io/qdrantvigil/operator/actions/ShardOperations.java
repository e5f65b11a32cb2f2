package io.qdrantvigil.operator.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code move-shard}, {@code replicate-shard}, {@code abort-transfer} and {@code drop-replica}:
 * confined to the cluster's collections and peers (pod names or peer ids), planned as Qdrant's
 * {@code POST /collections/NAME/cluster} body, sent to a healthy node (the leader when it is one).
 * A move or a replication is then followed ({@link Follow}) until its transfer ends.
 */
final class ShardOperations {

  private ShardOperations() {}

  static ActionPlan.ShardOperation plan(ActionRequest.ShardOperation o, ClusterScope scope,
      ClusterAssessment assessment, DataPlacement placement) throws ActionRefused {
    if (!placement.known()) {
      throw new ActionRefused(o.action() + " needs the data view, which could not be read this poll");
    }
    if (!placement.collections().contains(o.collection())) {
      throw new ActionRefused("collection '" + o.collection() + "' is not a collection of this cluster");
    }
    DataPlacement.ShardRef shard = new DataPlacement.ShardRef(o.collection(), o.shard());
    boolean exists = placement.replicas().stream().anyMatch(r -> r.shardRef().equals(shard));
    if (!exists && !ActionRequest.ABORT_TRANSFER.equals(o.action())) {
      throw new ActionRefused("shard " + shard + " is not a shard of this cluster");
    }
    Peer from = peer(o.from(), scope, assessment);
    NodeAssessment via = via(assessment);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    String operation = o.action().replace('-', '_');
    ObjectNode fields = body.putObject(ActionRequest.ABORT_TRANSFER.equals(o.action()) ? "abort_transfer" : operation)
        .put("shard_id", o.shard());
    if (ActionRequest.DROP_REPLICA.equals(o.action())) {
      if (!o.force()) {
        dropGuard(placement, shard, from);
      }
      fields.put("peer_id", new BigInteger(from.id().toString()));
      return new ActionPlan.ShardOperation(via.findings().target().name(), via.findings().target().url(),
          o.collection(), body, "drop the replica of shard " + shard + " on " + from.name(), null);
    }
    Peer to = peer(o.to(), scope, assessment);
    fields.put("from_peer_id", new BigInteger(from.id().toString())).put("to_peer_id",
        new BigInteger(to.id().toString()));
    if (o.method() != null) {
      fields.put("method", o.method());
    }
    String verb = switch (o.action()) {
      case ActionRequest.MOVE_SHARD -> "move";
      case ActionRequest.REPLICATE_SHARD -> "replicate";
      default -> "abort the transfer of";
    };
    Follow follow = ActionRequest.ABORT_TRANSFER.equals(o.action()) ? null
        : new Follow(shard, from, to, ActionRequest.MOVE_SHARD.equals(o.action()));
    return new ActionPlan.ShardOperation(via.findings().target().name(), via.findings().target().url(),
        o.collection(), body, verb + " shard " + shard + " from " + from.name() + " to " + to.name(), follow);
  }

  /** A peer of the cluster, named by pod or by peer id, and how messages name it. */
  record Peer(PeerId id, String name) {}

  private static Peer peer(String podOrPeer, ClusterScope scope, ClusterAssessment assessment) throws ActionRefused {
    Optional<NodeAssessment> byPod = assessment.nodes().stream()
        .filter(n -> n.findings().target().pod() != null && podOrPeer.equals(n.findings().target().pod().name())
            && n.peerId() != null).findFirst();
    if (byPod.isPresent()) {
      return new Peer(byPod.get().peerId(), podOrPeer);
    }
    PeerId id;
    try {
      id = PeerId.parse(podOrPeer);
    } catch (IllegalArgumentException e) {
      throw new ActionRefused("'" + podOrPeer + "' is neither a pod of this watch with a peer id nor a peer id");
    }
    scope.member(id);
    String name = assessment.nodes().stream().filter(n -> id.equals(n.peerId()) && n.findings().target().pod() != null)
        .map(n -> n.findings().target().pod().name()).findFirst().orElse("peer " + id);
    return new Peer(id, name);
  }

  private static NodeAssessment via(ClusterAssessment assessment) throws ActionRefused {
    return assessment.nodes().stream().filter(n -> !n.failing() && n.findings().target().url() != null)
        .min(Comparator.comparing(n -> !n.leader()))
        .orElseThrow(() -> new ActionRefused("no healthy node to send the shard operation to"));
  }

  /** The peer's replica is the shard's only readable one, or the peer is in a transfer of that shard. */
  private static void dropGuard(DataPlacement placement, DataPlacement.ShardRef shard, Peer peer)
      throws ActionRefused {
    if (placement.onlyReadableReplicaOn(peer.id()).contains(shard)) {
      throw new ActionRefused("dropping the replica of shard " + shard + " on " + peer.name() + " is refused: it is"
          + " the only readable replica of that shard; add ';force' to drop it anyway");
    }
    boolean inTransfer = placement.transfersTouching(peer.id()).stream().anyMatch(t -> t.shardRef().equals(shard));
    if (inTransfer) {
      throw new ActionRefused("dropping the replica of shard " + shard + " on " + peer.name() + " is refused: "
          + peer.name() + " is in a running transfer of that shard; add ';force' to drop it anyway");
    }
  }

  /**
   * A move or replication Qdrant accepted: Running with the transfer's progress while it is listed,
   * Succeeded once it is gone and the destination holds an Active replica (and, for a move, the
   * source none), Failed when it is gone without that (Qdrant aborted it).
   */
  record Follow(DataPlacement.ShardRef shard, Peer from, Peer to, boolean move) {

    RunningAction running() {
      Follow follow = this;
      return new RunningAction() {
        @Override
        public boolean multiStep() {
          return false;
        }

        @Override
        public String name() {
          return (move ? "move-shard " : "replicate-shard ") + shard;
        }

        @Override
        public void cancel() {
          // A transfer is one step: cancel concerns multi-step actions only.
        }

        @Override
        public Advance advance(ClusterAssessment assessment, DataPlacement placement, Instant now) {
          return follow.advance(placement);
        }
      };
    }

    RunningAction.Advance advance(DataPlacement placement) {
      String what = "transfer of shard " + shard + " from " + from.name() + " to " + to.name();
      if (!placement.known()) {
        return RunningAction.Advance.going(what + ": waiting for the data view", List.of());
      }
      Optional<DataPlacement.ShardTransfer> transfer = placement.transfers().stream()
          .filter(t -> t.shardRef().equals(shard) && t.from().equals(from.id()) && t.to().equals(to.id()))
          .findFirst();
      if (transfer.isPresent()) {
        String comment = transfer.get().comment();
        return RunningAction.Advance.going(what + ": " + (comment == null ? "running" : comment), List.of());
      }
      Optional<DataPlacement.PlacedReplica> target = placement.replica(shard, to.id());
      if (target.isPresent() && "Active".equals(target.get().state())
          && (!move || placement.replica(shard, from.id()).isEmpty())) {
        return RunningAction.Advance.ended(ActionOutcome.succeeded("shard " + shard + (move ? " moved" : " replicated")
            + " from " + from.name() + " to " + to.name()), List.of());
      }
      if (target.isPresent() && List.of("Partial", "Recovery", "Initializing").contains(target.get().state())) {
        return RunningAction.Advance.going(what + ": destination " + target.get().state(), List.of());
      }
      return RunningAction.Advance.ended(ActionOutcome.failed("the " + what + " ended without an Active replica on "
          + to.name() + (target.map(r -> " (" + r.state() + ")").orElse(" (no replica)"))
          + ": Qdrant aborted it or it was aborted"), List.of());
    }
  }
}
