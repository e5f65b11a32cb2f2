package io.qdrantvigil.operator.health;

import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.data.DataAssessment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Takes the data view into the verdict as the contract says: a shard that cannot be read makes
 * the cluster Degraded (never better than the nodes make it); a data warning on a node
 * (DeadReplica, StuckTransfer, StuckReplica, ReplicaViewDivergence) makes that node orange; the
 * data warnings join the list, failing ones after the nodes' failing ones.
 */
public final class DataVerdict {

  private DataVerdict() {}

  public static ClusterAssessment apply(ClusterAssessment nodes, DataAssessment data) {
    List<NodeAssessment> withData = nodes.nodes().stream()
        .map(n -> {
          List<Problem> own = data.warningsOn(n.findings().target().name());
          if (own.isEmpty()) {
            return n;
          }
          List<Problem> problems = new ArrayList<>(n.problems());
          problems.addAll(own);
          return new NodeAssessment(n.findings(), problems, n.peerId(), n.peerUri(), n.leader());
        })
        .toList();
    List<Problem> warnings = new ArrayList<>(nodes.warnings());
    warnings.addAll(data.warnings());
    warnings.sort(Comparator.comparing((Problem p) -> !p.failing()));
    String verdict = data.shardUnavailable() && QdrantClusterWatchStatus.HEALTHY.equals(nodes.clusterStatus())
        ? QdrantClusterWatchStatus.DEGRADED : nodes.clusterStatus();
    return new ClusterAssessment(verdict, nodes.healthyNodes(), nodes.totalNodes(), nodes.leader(), warnings,
        withData, nodes.discovery(), data);
  }
}
