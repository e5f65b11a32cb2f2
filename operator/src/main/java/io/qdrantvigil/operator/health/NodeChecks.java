package io.qdrantvigil.operator.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.probe.NodeObservation;
import io.qdrantvigil.operator.qdrant.ClusterInfo;
import io.qdrantvigil.operator.qdrant.ClusterResponseParser;
import io.qdrantvigil.operator.qdrant.FailureKind;
import io.qdrantvigil.operator.qdrant.Fetch;
import io.qdrantvigil.operator.qdrant.InvalidResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contract's per-node checks, in the contract's order; the first failing one is the node's
 * {@code errorType}. Cross-node rules (split, leader, who a send failure points at) come later.
 */
public final class NodeChecks {

  private NodeChecks() {}

  public static NodeFindings check(NodeObservation observation) {
    NodeTarget target = observation.target();
    String node = target.name();
    List<Problem> problems = new ArrayList<>();
    List<NodeFindings.SendFailureFinding> sendFailures = new ArrayList<>();
    String version = version(observation.root());
    ClusterInfo cluster = null;
    boolean unreachable = false;

    if (target.url() == null) {
      unreachable = true;
    } else if (observation.cluster() instanceof Fetch.Failed<JsonNode> failed) {
      problems.add(Problem.failing(node, failed.kind().warningType(), "GET /cluster failed: " + failed.message(),
          failed.message()));
      unreachable = failed.kind() == FailureKind.CONNECTION || failed.kind() == FailureKind.TIMEOUT;
    } else {
      cluster = parseCluster(node, observation.cluster().valueOrNull(), problems);
    }

    if (cluster != null) {
      checkConsensus(node, cluster, problems);
      sendFailures.addAll(sendFailures(cluster));
      checkCollections(node, observation.collections(), problems);
      if (version == null && observation.root() instanceof Fetch.Failed<JsonNode> failed) {
        problems.add(Problem.issueOnly(node, WarningTypes.VERSION_UNKNOWN, "GET / failed: " + failed.message()));
      }
      checkIssues(node, observation.issues(), problems);
    }

    if (target.pod() != null && !target.pod().runningAndReady()) {
      problems.add(Problem.failing(node, WarningTypes.POD_NOT_RUNNING,
          "pod " + target.pod().name() + " is " + target.pod().notRunningReason(), null));
    }
    return new NodeFindings(target, cluster, version, problems, sendFailures, unreachable);
  }

  private static ClusterInfo parseCluster(String node, JsonNode body, List<Problem> problems) {
    try {
      ClusterInfo cluster = ClusterResponseParser.parse(body);
      if (cluster == null) {
        problems.add(Problem.failing(node, WarningTypes.INVALID_RESPONSE,
            "cluster mode is disabled on this node (standalone Qdrant)", "status: disabled"));
      }
      return cluster;
    } catch (InvalidResponseException e) {
      problems.add(Problem.failing(node, WarningTypes.INVALID_RESPONSE, "GET /cluster: " + e.getMessage(),
          e.getMessage()));
      return null;
    }
  }

  private static void checkConsensus(String node, ClusterInfo cluster, List<Problem> problems) {
    ClusterInfo.ConsensusStatus consensus = cluster.consensus();
    if (consensus.stopped()) {
      String detail = consensus.error() == null ? "" : ": " + consensus.error();
      problems.add(Problem.failing(node, WarningTypes.CONSENSUS_THREAD_ERROR,
          "consensus thread " + consensus.state() + detail, consensus.error()));
    }
  }

  private static List<NodeFindings.SendFailureFinding> sendFailures(ClusterInfo cluster) {
    List<NodeFindings.SendFailureFinding> findings = new ArrayList<>();
    for (Map.Entry<String, ClusterInfo.SendFailure> entry : cluster.messageSendFailures().entrySet()) {
      ClusterInfo.SendFailure failure = entry.getValue();
      boolean fresh = SendFailureFreshness.isFresh(failure.latestErrorTimestamp(), cluster.consensus().lastUpdate());
      String peerId = cluster.peers().entrySet().stream()
          .filter(p -> entry.getKey().equals(p.getValue()))
          .map(p -> p.getKey().toString())
          .findFirst().orElse(null);
      findings.add(new NodeFindings.SendFailureFinding(entry.getKey(), peerId, failure, fresh));
    }
    return findings;
  }

  private static void checkCollections(String node, Fetch<JsonNode> collections, List<Problem> problems) {
    if (collections instanceof Fetch.Failed<JsonNode> failed) {
      problems.add(Problem.failing(node, WarningTypes.COLLECTIONS_FETCH_ERROR,
          "GET /collections failed (" + failed.kind().warningType() + "): " + failed.message(), failed.message()));
    } else if (!collections.valueOrNull().path("result").path("collections").isArray()) {
      problems.add(Problem.failing(node, WarningTypes.COLLECTIONS_FETCH_ERROR,
          "GET /collections: no result.collections list", null));
    }
  }

  private static void checkIssues(String node, Fetch<JsonNode> issues, List<Problem> problems) {
    JsonNode list = issues.isOk() ? issues.valueOrNull().path("result").path("issues") : null;
    if (list == null || !list.isArray()) {
      return;
    }
    for (JsonNode issue : list) {
      String id = issue.path("id").asText("");
      String description = issue.path("description").asText("");
      problems.add(Problem.warning(node, WarningTypes.QDRANT_ISSUE, id + ": " + description, null));
    }
  }

  private static String version(Fetch<JsonNode> root) {
    if (root != null && root.isOk() && root.valueOrNull().path("version").isTextual()) {
      return root.valueOrNull().get("version").asText();
    }
    return null;
  }
}
