package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;

/** Turns a parsed request into a plan: confinement first, then the guards. */
public final class ActionPlanner {

  /** A StatefulSet's {@code spec.replicas}, read when a scale is planned. */
  @FunctionalInterface
  public interface ReplicaLookup {
    int replicas(String namespace, String statefulSet);
  }

  private ActionPlanner() {}

  public static ActionPlan plan(ActionRequest request, String namespace, ClusterAssessment assessment,
      ReplicaLookup lookup) throws ActionRefused {
    ClusterScope scope = new ClusterScope(assessment);
    if (request instanceof ActionRequest.RemovePeer r) {
      scope.member(r.peer());
      ActionGuards.removePeer(r.peer(), assessment, scope.membership(), r.force());
      NodeAssessment via = ActionGuards.removePeerVia(r.peer(), assessment);
      return new ActionPlan.RemovePeer(via.findings().target().name(), via.findings().target().url(), r.peer(),
          r.force());
    }
    if (request instanceof ActionRequest.DeletePod d) {
      NodeAssessment pod = scope.pod(d.pod());
      ActionGuards.deletePod(pod, assessment, scope.membership(), d.force());
      return new ActionPlan.DeletePod(pod.findings().target().pod().namespace(), d.pod(), d.force());
    }
    if (request instanceof ActionRequest.Restart r) {
      return new ActionPlan.Restart(namespace, scope.statefulSet(r.statefulSet()));
    }
    if (request instanceof ActionRequest.Scale s) {
      String statefulSet = scope.statefulSet(s.statefulSet());
      int from = lookup.replicas(namespace, statefulSet);
      ActionGuards.scale(statefulSet, from, s.replicas(), assessment.clusterStatus(), s.force());
      return new ActionPlan.Scale(namespace, statefulSet, from, s.replicas());
    }
    if (request instanceof ActionRequest.Recover r) {
      NodeAssessment node = scope.node(r.target());
      return new ActionPlan.Recover(node.findings().target().name(), node.findings().target().url(), r.collection(),
          r.url(), r.priority(), r.checksum());
    }
    return new ActionPlan.Poll();
  }
}
