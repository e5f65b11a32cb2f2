package io.qdrantvigil.operator.health;

import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.qdrant.ClusterInfo;
import java.util.List;

/**
 * What the per-node checks found. {@code cluster} is null when {@code /cluster} failed or the
 * node runs standalone; {@code unreachable} when the node could not be reached at all.
 */
public record NodeFindings(
    NodeTarget target,
    ClusterInfo cluster,
    String version,
    List<Problem> problems,
    List<SendFailureFinding> sendFailures,
    boolean unreachable) {

  /** A {@code message_send_failures} entry, judged fresh or stale; attributed across nodes later. */
  public record SendFailureFinding(String peerUri, String peerId, ClusterInfo.SendFailure failure, boolean fresh) {}
}
