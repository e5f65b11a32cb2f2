package io.qdrantvigil.operator.health;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a node's send failures into problems. An active failure is the sender's problem (Failing),
 * unless it points at a polled node that is itself down: then the cause is already reported on that
 * node, and the sender only gets a warning, so one dead follower does not also fail the leader.
 * A stale (frozen) entry is always a warning. The message names the peer only; the count and the
 * time of the latest error move at every poll, so they go into {@code error}, which the write
 * budget does not compare.
 */
public final class SendFailureAttribution {

  private SendFailureAttribution() {}

  public static List<Problem> problems(NodeFindings sender, List<NodeFindings> all) {
    List<Problem> problems = new ArrayList<>();
    String node = sender.target().name();
    for (NodeFindings.SendFailureFinding finding : sender.sendFailures()) {
      String detail = "failed sends to " + peer(finding);
      String error = counts(finding);
      if (!finding.fresh()) {
        problems.add(Problem.warning(node, WarningTypes.MESSAGE_SEND_FAILURES,
            "stale entry (5 s or more older than the last consensus update): " + detail, error));
      } else if (pointsAtDownNode(finding.peerUri(), all)) {
        problems.add(Problem.warning(node, WarningTypes.MESSAGE_SEND_FAILURES,
            detail + "; that peer is down (see its own warning)", error));
      } else {
        problems.add(Problem.failing(node, WarningTypes.MESSAGE_SEND_FAILURES, detail, error));
      }
    }
    return problems;
  }

  private static boolean pointsAtDownNode(String peerUri, List<NodeFindings> all) {
    return all.stream().anyMatch(other -> isDown(other) && PeerAddressing.sameNode(peerUri, other.target()));
  }

  private static boolean isDown(NodeFindings findings) {
    return findings.unreachable()
        || (findings.target().pod() != null && !findings.target().pod().runningAndReady());
  }

  private static String peer(NodeFindings.SendFailureFinding finding) {
    return finding.peerId() == null ? finding.peerUri() : finding.peerUri() + " (peer " + finding.peerId() + ")";
  }

  private static String counts(NodeFindings.SendFailureFinding finding) {
    String when = finding.failure().latestErrorTimestamp() == null ? "" : ", latest at " + finding.failure().latestErrorTimestamp();
    String latest = finding.failure().latestError() == null ? "" : ": " + finding.failure().latestError();
    return finding.failure().count() + " failures" + when + latest;
  }
}
