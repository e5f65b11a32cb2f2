package io.qdrantvigil.operator.health;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a node's send failures into problems. An active failure is the sender's problem (Failing),
 * unless it points at a polled node that is itself down: then the cause is already reported on that
 * node, and the sender only gets a warning, so one dead follower does not also fail the leader.
 * A stale (frozen) entry is always a warning.
 */
public final class SendFailureAttribution {

  private SendFailureAttribution() {}

  public static List<Problem> problems(NodeFindings sender, List<NodeFindings> all) {
    List<Problem> problems = new ArrayList<>();
    String node = sender.target().name();
    for (NodeFindings.SendFailureFinding finding : sender.sendFailures()) {
      String detail = describe(finding);
      String error = finding.failure().latestError();
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

  private static String describe(NodeFindings.SendFailureFinding finding) {
    String peer = finding.peerId() == null ? finding.peerUri() : finding.peerUri() + " (peer " + finding.peerId() + ")";
    String when = finding.failure().latestErrorTimestamp() == null ? "" : ", latest at " + finding.failure().latestErrorTimestamp();
    return finding.failure().count() + " failed sends to " + peer + when;
  }
}
