package io.qdrantvigil.operator.health;

import io.qdrantvigil.operator.api.NodeView;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.List;

/** A node after every rule: its problems in check order, its state and first failing check. */
public record NodeAssessment(NodeFindings findings, List<Problem> problems, PeerId peerId, String peerUri,
    boolean leader) {

  public boolean failing() {
    return problems.stream().anyMatch(Problem::failing);
  }

  public String state() {
    if (failing()) {
      return NodeView.FAILING;
    }
    return problems.isEmpty() ? NodeView.HEALTHY : NodeView.WARNING;
  }

  public String errorType() {
    return problems.stream().filter(Problem::failing).map(Problem::type).findFirst().orElse(null);
  }
}
