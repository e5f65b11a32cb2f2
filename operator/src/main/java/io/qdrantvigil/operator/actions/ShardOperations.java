package io.qdrantvigil.operator.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.math.BigInteger;
import java.util.Comparator;
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

  /** A move or replication to follow once Qdrant accepted it ({@link FollowedTransfer}). */
  record Follow(DataPlacement.ShardRef shard, Peer from, Peer to, boolean move) {

    RunningAction running() {
      return new FollowedTransfer(this);
    }
  }
}
