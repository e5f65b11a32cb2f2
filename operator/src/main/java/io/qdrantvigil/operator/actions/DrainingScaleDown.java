package io.qdrantvigil.operator.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code scale=STS=N;drain} going down: for each pod that goes, highest ordinal first, each replica
 * it hosts is moved to a remaining peer lacking that shard (the one holding the fewest replicas), or
 * dropped when a readable replica of the shard remains elsewhere, one transfer at a time; then its
 * peer is removed without force, the StatefulSet shrinks by one, and it waits until the pod is
 * gone. It never acts on a poll whose data view could not be read. A Qdrant refusal or a step past
 * {@code stepTimeout} ends it Failed with what was done so far; the cluster is left as it is.
 */
final class DrainingScaleDown extends MultiStepAction {

  static final String NAME = "scale;drain";

  private enum Phase { EMPTY, REMOVE_PEER, SHRINK, GONE }

  private final KubernetesClient client;
  private final ActionEffects effects;
  private final String apiKey;
  private final String namespace;
  private final String statefulSet;
  private final int to;
  private final int leavingPods;
  private final Duration stepTimeout;
  private final List<String> done = new ArrayList<>();
  private int replicas;
  private Phase phase = Phase.EMPTY;
  private Instant phaseSince;
  private PeerId leaving;
  private int moved;
  /** The shard of the last move or drop sent, until a view shows it listed or done. */
  private DataPlacement.ShardRef unlisted;
  private int pollsUnlisted;

  DrainingScaleDown(KubernetesClient client, ActionEffects effects, String apiKey, String namespace,
      String statefulSet, int from, int to, Duration stepTimeout) {
    super(NAME);
    this.client = client;
    this.effects = effects;
    this.apiKey = apiKey;
    this.namespace = namespace;
    this.statefulSet = statefulSet;
    this.replicas = from;
    this.to = to;
    this.leavingPods = from - to;
    this.stepTimeout = stepTimeout;
  }

  private String pod() {
    return statefulSet + "-" + (replicas - 1);
  }

  @Override
  public Advance advance(ClusterAssessment assessment, DataPlacement placement, Instant now) {
    List<String> steps = new ArrayList<>();
    if (phaseSince == null) {
      phaseSince = now;
    }
    if (Duration.between(phaseSince, now).compareTo(stepTimeout) > 0) {
      return Advance.ended(ActionOutcome.failed("draining " + pod() + " took longer than "
          + stepTimeout.toString().substring(2).toLowerCase() + " (" + waitingFor() + "); " + progress()), steps);
    }
    try {
      return switch (phase) {
        case EMPTY -> empty(assessment, placement, now, steps);
        case REMOVE_PEER -> removePeer(assessment, now, steps);
        case SHRINK -> shrink(now, steps);
        case GONE -> gone(now, steps);
      };
    } catch (ActionRefused stop) {
      return Advance.ended(ActionOutcome.failed(stop.getMessage() + "; " + progress()), steps);
    }
  }

  private Advance empty(ClusterAssessment assessment, DataPlacement placement, Instant now, List<String> steps)
      throws ActionRefused {
    if (leaving == null) {
      leaving = node(assessment, pod()).map(NodeAssessment::peerId)
          .orElseThrow(() -> new ActionRefused("stopped at " + pod() + ": its node's peer id is not known"));
    }
    if (!placement.known()) {
      return Advance.going(progress() + "; waiting for " + pod() + ": the data view", steps);
    }
    List<DataPlacement.ShardTransfer> running = placement.transfersTouching(leaving);
    if (!running.isEmpty()) {
      unlisted = null;
      return Advance.going(progress() + "; waiting for " + pod() + ": the transfer of shard "
          + running.get(0).shardRef() + (running.get(0).comment() == null ? "" : " (" + running.get(0).comment()
          + ")"), steps);
    }
    // A view read right after Qdrant took the move (or drop) may not show it yet: not sent twice.
    if (unlisted != null && placement.replica(unlisted, leaving).isPresent()
        && ++pollsUnlisted < FollowedTransfer.POLLS_TO_APPEAR) {
      return Advance.going(progress() + "; waiting for " + pod() + ": Qdrant to list what was sent for shard "
          + unlisted, steps);
    }
    unlisted = null;
    List<DataPlacement.PlacedReplica> hosted = placement.replicasOn(leaving);
    if (hosted.isEmpty()) {
      steps.add(pod() + " holds no replica");
      phase = Phase.REMOVE_PEER;
      phaseSince = now;
      return removePeer(assessment, now, steps);
    }
    DataPlacement.PlacedReplica replica = hosted.get(0);
    DataPlacement.ShardRef shard = replica.shardRef();
    List<PeerId> remaining = assessment.nodes().stream()
        .filter(n -> n.findings().target().pod() != null
            && statefulSet.equals(n.findings().target().pod().statefulSet())
            && ActionGuards.ordinal(n.findings().target().pod().name()) < to && n.peerId() != null)
        .map(NodeAssessment::peerId).toList();
    Optional<PeerId> target = remaining.stream().filter(p -> placement.replica(shard, p).isEmpty())
        .min(Comparator.comparingInt(placement::replicaCount));
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    String step;
    if (target.isPresent()) {
      body.putObject("move_shard").put("shard_id", shard.shard())
          .put("from_peer_id", new BigInteger(leaving.toString()))
          .put("to_peer_id", new BigInteger(target.get().toString()));
      step = "moving shard " + shard + " from " + pod() + " to " + name(assessment, target.get());
    } else if (placement.replicas().stream().anyMatch(r -> r.shardRef().equals(shard) && r.readable()
        && !leaving.equals(r.peer()))) {
      body.putObject("drop_replica").put("shard_id", shard.shard()).put("peer_id", new BigInteger(leaving.toString()));
      step = "dropping the replica of shard " + shard + " on " + pod() + " (a readable one remains elsewhere)";
    } else {
      throw new ActionRefused("stopped at " + pod() + ": shard " + shard + " has no remaining peer to move to and"
          + " no readable replica elsewhere");
    }
    NodeAssessment via = via(assessment);
    ActionOutcome sent = effects.run(new ActionPlan.ShardOperation(via.findings().target().name(),
        via.findings().target().url(), shard.collection(), body, step, null), apiKey).join();
    if (!ActionOutcome.SUCCEEDED.equals(sent.outcome())) {
      throw new ActionRefused("stopped at " + pod() + ": " + step + " failed: " + sent.message());
    }
    moved++;
    unlisted = shard;
    pollsUnlisted = 0;
    phaseSince = now;
    steps.add(step);
    return Advance.going(progress() + "; " + step, steps);
  }

  private Advance removePeer(ClusterAssessment assessment, Instant now, List<String> steps) throws ActionRefused {
    NodeAssessment via = via(assessment);
    ActionOutcome removed = effects.run(new ActionPlan.RemovePeer(via.findings().target().name(),
        via.findings().target().url(), leaving, false), apiKey).join();
    if (!ActionOutcome.SUCCEEDED.equals(removed.outcome())) {
      throw new ActionRefused("stopped at " + pod() + ": removing its peer " + leaving + " failed: "
          + removed.message());
    }
    steps.add("peer " + leaving + " of " + pod() + " removed");
    phase = Phase.SHRINK;
    phaseSince = now;
    return shrink(now, steps);
  }

  private Advance shrink(Instant now, List<String> steps) {
    ActionOutcome shrunk = effects.run(new ActionPlan.Scale(namespace, statefulSet, replicas, replicas - 1), apiKey)
        .join();
    if (!ActionOutcome.SUCCEEDED.equals(shrunk.outcome())) {
      return Advance.ended(ActionOutcome.failed("stopped at " + pod() + ": shrinking StatefulSet " + statefulSet
          + " failed: " + shrunk.message() + "; " + progress()), steps);
    }
    steps.add("StatefulSet " + statefulSet + " scaled to " + (replicas - 1));
    phase = Phase.GONE;
    phaseSince = now;
    return Advance.going(progress() + "; waiting for " + pod() + ": the pod to be gone", steps);
  }

  private Advance gone(Instant now, List<String> steps) {
    if (client.pods().inNamespace(namespace).withName(pod()).get() != null) {
      return Advance.going(progress() + "; waiting for " + pod() + ": the pod to be gone", steps);
    }
    done.add(pod());
    steps.add(pod() + " drained and gone");
    replicas--;
    leaving = null;
    moved = 0;
    if (replicas == to) {
      return Advance.ended(ActionOutcome.succeeded("scaled StatefulSet " + statefulSet + " down to " + to
          + ", draining " + String.join(", ", done)), steps);
    }
    if (cancelled()) {
      return Advance.ended(ActionOutcome.cancelled("cancelled: " + progress()), steps);
    }
    phase = Phase.EMPTY;
    phaseSince = now;
    return Advance.going(progress() + "; draining " + pod(), steps);
  }

  private String waitingFor() {
    return switch (phase) {
      case EMPTY -> "moving its replicas off";
      case REMOVE_PEER -> "removing its peer";
      case SHRINK -> "shrinking the StatefulSet";
      case GONE -> "the pod to be gone";
    };
  }

  private String progress() {
    return done.size() + "/" + leavingPods + " pods drained" + (done.isEmpty() ? "" : " (" + String.join(", ", done) + ")")
        + (moved == 0 ? "" : ", " + moved + " of " + pod() + "'s replicas sent away");
  }

  /** A healthy node other than the leaving one, the leader first. */
  private NodeAssessment via(ClusterAssessment assessment) throws ActionRefused {
    return assessment.nodes().stream().filter(n -> !n.failing() && n.findings().target().url() != null
            && !Objects.equals(n.peerId(), leaving))
        .min(Comparator.comparing(n -> !n.leader()))
        .orElseThrow(() -> new ActionRefused("no healthy node to send the request to"));
  }

  private static Optional<NodeAssessment> node(ClusterAssessment assessment, String pod) {
    return assessment.nodes().stream()
        .filter(n -> n.findings().target().pod() != null && pod.equals(n.findings().target().pod().name()))
        .findFirst();
  }

  private static String name(ClusterAssessment assessment, PeerId peer) {
    return assessment.nodes().stream().filter(n -> peer.equals(n.peerId()) && n.findings().target().pod() != null)
        .map(n -> n.findings().target().pod().name()).findFirst().orElse("peer " + peer);
  }
}
