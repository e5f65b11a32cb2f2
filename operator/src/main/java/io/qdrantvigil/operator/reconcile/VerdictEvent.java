package io.qdrantvigil.operator.reconcile;

import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.api.StatusWarning;
import io.qdrantvigil.operator.kube.WatchEvents;
import java.util.Optional;

/** The {@code ClusterStatusChanged} Event of a changed verdict, naming the first (root-cause) warning. */
record VerdictEvent(String type, String message) {

  static final String REASON = "ClusterStatusChanged";

  static Optional<VerdictEvent> between(QdrantClusterWatchStatus before, QdrantClusterWatchStatus after) {
    String old = before == null ? null : before.clusterStatus();
    String now = after == null ? null : after.clusterStatus();
    if (now == null || now.equals(old)) {
      return Optional.empty();
    }
    String firstWarning = after.warnings() == null || after.warnings().isEmpty() ? "no warnings"
        : describe(after.warnings().get(0));
    String type = QdrantClusterWatchStatus.HEALTHY.equals(now) ? WatchEvents.NORMAL : WatchEvents.WARNING;
    return Optional.of(new VerdictEvent(type,
        (old == null ? "first poll" : old) + " -> " + now + " (" + after.healthyNodes() + " healthy): " + firstWarning));
  }

  private static String describe(StatusWarning warning) {
    return (warning.node() == null ? "" : warning.node() + ": ") + warning.type() + ": " + warning.message();
  }
}
