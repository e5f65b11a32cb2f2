package io.qdrantvigil.operator.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrantvigil.operator.api.NodeView;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.health.ClusterAssessment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a poll does to the status: the new picture when something in it changed; otherwise the
 * status as it is (no write), except that {@code lastPollTime} (and the nodes' {@code lastSeen})
 * is refreshed once a minute, so a steady watch costs at most one write a minute.
 */
public final class PollStatusChange {

  public static final Duration REFRESH = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private PollStatusChange() {}

  public static QdrantClusterWatchStatus apply(QdrantClusterWatchStatus current, ClusterAssessment assessment,
      long generation, Instant now) {
    QdrantClusterWatchStatus next = StatusComposer.compose(assessment, current, generation, now.toString());
    if (current != null && sameButForTimes(current, next) && !refreshDue(current, now)) {
      return current;
    }
    return next;
  }

  private static boolean refreshDue(QdrantClusterWatchStatus current, Instant now) {
    if (current.lastPollTime() == null) {
      return true;
    }
    return !Instant.parse(current.lastPollTime()).plus(REFRESH).isAfter(now);
  }

  /** Compared as stored: an empty list or string is left out of the resource, so it reads back as null. */
  static boolean sameButForTimes(QdrantClusterWatchStatus a, QdrantClusterWatchStatus b) {
    return JSON.valueToTree(withoutTimes(a)).equals(JSON.valueToTree(withoutTimes(b)));
  }

  private static QdrantClusterWatchStatus withoutTimes(QdrantClusterWatchStatus s) {
    List<NodeView> nodes = s.nodes() == null ? null : s.nodes().stream().map(PollStatusChange::withoutLastSeen).toList();
    return new QdrantClusterWatchStatus(s.clusterStatus(), s.healthyNodes(), s.healthPercentage(), s.leader(),
        s.warningCount(), s.warnings(), s.warningsOmitted(), nodes, s.discovery(), s.conditions(), s.actions(), null,
        s.observedGeneration());
  }

  private static NodeView withoutLastSeen(NodeView v) {
    return new NodeView(v.peerId(), v.podName(), v.namespace(), v.statefulSet(), v.url(), v.peerUri(), v.version(),
        v.leader(), v.state(), v.errorType(), v.issues(), v.raft(), v.execCommand(), v.logsCommand(), v.dashboardUrl(),
        v.portForwardCommand(), null);
  }
}
