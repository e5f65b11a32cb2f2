package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;
import io.qdrantvigil.operator.qdrant.PeerId;

/** Turns a parsed request into a plan: confinement first, then the guards. */
public final class ActionPlanner {

  /** A StatefulSet's {@code spec.replicas}, read when a scale is planned. */
  @FunctionalInterface
  public interface ReplicaLookup {
    int replicas(String namespace, String statefulSet);
  }

  private ActionPlanner() {}

  public static ActionPlan plan(ActionRequest request, String namespace, ClusterAssessment assessment,
      DataPlacement placement, ReplicaLookup lookup) throws ActionRefused {
    ClusterScope scope = new ClusterScope(assessment);
    if (request instanceof ActionRequest.RemovePeer r) {
      PeerId peer = r.pod() == null ? scope.member(r.peer()) : peerOf(scope.pod(r.pod()));
      DataGuard.dropData(placement, peer, r.dropData());
      ActionGuards.removePeer(peer, assessment, scope.membership(), r.force());
      boolean running = assessment.nodes().stream().anyMatch(n -> peer.equals(n.peerId())
          && QuorumGuard.reachableVoter(n));
      if (running && !r.force()) {
        DataGuard.disrupt(placement, peer, "peer " + peer, "removing peer " + peer);
      }
      NodeAssessment via = ActionGuards.removePeerVia(peer, assessment);
      return new ActionPlan.RemovePeer(via.findings().target().name(), via.findings().target().url(), peer,
          r.force());
    }
    if (request instanceof ActionRequest.DeletePod d) {
      NodeAssessment pod = scope.pod(d.pod());
      ActionGuards.deletePod(pod, assessment, scope.membership(), d.force());
      if (!d.force()) {
        DataGuard.disrupt(placement, pod.peerId(), d.pod(), "evicting pod " + d.pod());
      }
      return new ActionPlan.DeletePod(pod.findings().target().pod().namespace(), d.pod(), d.force());
    }
    if (request instanceof ActionRequest.Restart r) {
      String statefulSet = scope.statefulSet(r.statefulSet());
      return r.safe()
          ? new ActionPlan.RestartSafely(namespace, statefulSet, RestartSafely.order(statefulSet, assessment))
          : new ActionPlan.Restart(namespace, statefulSet);
    }
    if (request instanceof ActionRequest.Scale s) {
      String statefulSet = scope.statefulSet(s.statefulSet());
      int from = lookup.replicas(namespace, statefulSet);
      ActionGuards.scale(statefulSet, from, s.replicas(), assessment.clusterStatus(), s.force());
      if (s.replicas() < from && s.drain()) {
        if (!placement.known()) {
          throw new ActionRefused("scale;drain needs the data view, which could not be read this poll");
        }
        return new ActionPlan.DrainingScale(namespace, statefulSet, from, s.replicas());
      }
      if (s.replicas() < from && !s.force()) {
        ActionGuards.leavingPodsHoldNoReplicas(statefulSet, s.replicas(), assessment, placement);
      }
      return new ActionPlan.Scale(namespace, statefulSet, from, s.replicas());
    }
    if (request instanceof ActionRequest.Recover r) {
      NodeAssessment node = scope.node(r.target());
      return new ActionPlan.Recover(node.findings().target().name(), node.findings().target().url(), r.collection(),
          r.url(), r.priority(), r.checksum());
    }
    if (request instanceof ActionRequest.ShardOperation o) {
      return ShardOperations.plan(o, scope, assessment, placement);
    }
    if (request instanceof ActionRequest.Cancel) {
      return new ActionPlan.Cancel();
    }
    return new ActionPlan.Poll();
  }

  private static PeerId peerOf(NodeAssessment pod) throws ActionRefused {
    if (pod.peerId() == null) {
      throw new ActionRefused("pod '" + pod.findings().target().name() + "' has no known peer id (its node did not"
          + " answer /cluster); name the peer by its id");
    }
    return pod.peerId();
  }
}
