package io.qdrantvigil.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.NodeView;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.api.RaftView;
import io.qdrantvigil.operator.api.StatusWarning;
import io.qdrantvigil.operator.data.DataAssessment;
import io.qdrantvigil.operator.data.DataStates;
import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.ClusterVerdict;
import io.qdrantvigil.operator.health.NodeAssessment;
import io.qdrantvigil.operator.health.Problem;
import io.qdrantvigil.operator.qdrant.ClusterInfo;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Turns an assessment into the status the user reads, within the contract's size bounds. */
public final class StatusComposer {

  private StatusComposer() {}

  public static QdrantClusterWatchStatus compose(ClusterAssessment assessment, QdrantClusterWatchStatus previous,
      long generation, String now) {
    List<StatusWarning> allWarnings = assessment.warnings().stream().map(StatusComposer::warning).toList();
    List<StatusWarning> shown = allWarnings.stream().limit(StatusLimits.MAX_WARNINGS).toList();
    int omitted = allWarnings.size() - shown.size();
    String message = summary(assessment);
    List<Condition> previousConditions = previous == null ? null : previous.conditions();
    List<Condition> conditions = new ArrayList<>(WatchConditions.forVerdict(assessment.clusterStatus(), message,
        generation, previousConditions, now));
    DataStatus data = assessment.data() == null ? null : DataStatusComposer.compose(assessment.data());
    if (data != null) {
      conditions.addAll(WatchConditions.forData(data.data().state(), dataSummary(assessment.data()), generation,
          previousConditions, now));
    }
    QdrantClusterWatchStatus status = null;
    for (int issuesPerNode : StatusLimits.ISSUES_PER_NODE_STEPS) {
      List<NodeView> nodes = assessment.nodes().stream()
          .map(n -> view(n, previous, now, issuesPerNode, assessment.data())).toList();
      status = withNodes(assessment, shown, omitted, allWarnings.size(), nodes, conditions, previous, now, generation,
          data);
      if (StatusLimits.fits(status)) {
        break;
      }
    }
    return status;
  }

  private static QdrantClusterWatchStatus withNodes(ClusterAssessment assessment, List<StatusWarning> shown,
      int omitted, int warningCount, List<NodeView> nodes, List<Condition> conditions,
      QdrantClusterWatchStatus previous, String now, long generation, DataStatus data) {
    return new QdrantClusterWatchStatus(
        assessment.clusterStatus(),
        assessment.healthyNodes() + "/" + assessment.totalNodes(),
        ClusterVerdict.healthPercentage(assessment.healthyNodes(), assessment.totalNodes()),
        assessment.leader() == null ? "" : assessment.leader().toString(),
        warningCount,
        data == null ? null : data.data(),
        data == null ? null : data.collections(),
        data == null ? null : data.collectionsOmitted(),
        data == null ? null : data.transfers(),
        shown,
        omitted == 0 ? null : omitted,
        nodes,
        assessment.discovery().tier(),
        conditions,
        actions(previous),
        now,
        generation,
        data == null ? null : data.dataMemo());
  }

  static List<ActionRecord> actions(QdrantClusterWatchStatus previous) {
    return previous == null ? null : previous.actions();
  }

  private static String summary(ClusterAssessment assessment) {
    String counts = assessment.healthyNodes() + "/" + assessment.totalNodes() + " nodes healthy";
    return assessment.warnings().stream().findFirst()
        .map(p -> counts + "; " + (p.node() == null ? "" : StatusLimits.cut(p.node()) + ": ") + p.type() + ": "
            + p.message())
        .orElse(counts + "; leader " + assessment.leader());
  }

  /** The data conditions' message: the state and the first data warning, or what the view holds. */
  private static String dataSummary(DataAssessment data) {
    if (data.warnings().isEmpty() && DataStates.UNKNOWN.equals(data.state())) {
      return "data Unknown; no healthy node to read the data view from";
    }
    return data.warnings().stream().findFirst()
        .map(p -> "data " + data.state() + "; " + p.type() + ": " + p.message())
        .orElse("data " + data.state() + "; " + data.collections().size() + " collections, " + data.readableReplicas()
            + "/" + data.replicas() + " replicas readable");
  }

  private static StatusWarning warning(Problem problem) {
    return new StatusWarning(StatusLimits.cut(problem.node()), problem.type(), StatusLimits.cut(problem.message()),
        StatusLimits.cut(problem.error()));
  }

  private static NodeView view(NodeAssessment node, QdrantClusterWatchStatus previous, String now,
      int issuesPerNode, DataAssessment data) {
    NodeTarget target = node.findings().target();
    ClusterInfo cluster = node.findings().cluster();
    NodeCommands commands = NodeCommands.of(target);
    List<String> issues = node.problems().stream()
        .map(p -> StatusLimits.cut(p.type() + ": " + p.message()))
        .limit(issuesPerNode)
        .toList();
    RaftView raft = cluster == null ? null : new RaftView(cluster.raft().term(), cluster.raft().commit(),
        cluster.raft().pendingOperations(), StatusLimits.cut(cluster.raft().role()));
    return new NodeView(
        node.peerId() == null ? null : node.peerId().toString(),
        target.pod() == null ? null : target.pod().name(),
        target.pod() == null ? null : target.pod().namespace(),
        target.pod() == null ? null : target.pod().statefulSet(),
        StatusLimits.cut(target.url()),
        StatusLimits.cut(node.peerUri()),
        StatusLimits.cut(node.findings().version()),
        node.leader(),
        node.state(),
        node.errorType(),
        issues,
        raft,
        countOn(data, node, DataAssessment::replicasPerPeer),
        countOn(data, node, DataAssessment::deadReplicasPerPeer),
        commands.exec(),
        commands.logs(),
        commands.dashboardUrl(),
        commands.portForward(),
        cluster != null ? now : lastSeen(previous, target.name()));
  }

  /** A node's replica count; none when no data view was ever read, or the node's peer id is unknown. */
  private static Integer countOn(DataAssessment data, NodeAssessment node,
      Function<DataAssessment, Map<PeerId, Integer>> counts) {
    if (data == null || node.peerId() == null || (data.collections().isEmpty() && data.viewTime() == null
        && DataStates.UNKNOWN.equals(data.state()))) {
      return null;
    }
    return counts.apply(data).getOrDefault(node.peerId(), 0);
  }

  private static String lastSeen(QdrantClusterWatchStatus previous, String nodeName) {
    if (previous == null || previous.nodes() == null) {
      return null;
    }
    return previous.nodes().stream()
        .filter(v -> nodeName.equals(v.podName()) || (v.podName() == null && nodeName.equals(v.url())))
        .map(NodeView::lastSeen)
        .filter(Objects::nonNull)
        .findFirst().orElse(null);
  }
}
