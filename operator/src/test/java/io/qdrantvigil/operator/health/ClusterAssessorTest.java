package io.qdrantvigil.operator.health;

import static io.qdrantvigil.operator.health.Observations.PEER_0;
import static io.qdrantvigil.operator.health.Observations.PEER_2;
import static io.qdrantvigil.operator.health.Observations.answering;
import static io.qdrantvigil.operator.health.Observations.failing;
import static io.qdrantvigil.operator.health.Observations.followerAs;
import static io.qdrantvigil.operator.health.Observations.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdrantvigil.operator.QdrantExamples;
import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.probe.NodeObservation;
import io.qdrantvigil.operator.qdrant.FailureKind;
import io.qdrantvigil.operator.qdrant.Fetch;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterAssessorTest {

  private static ClusterAssessment assess(NodeObservation... observations) {
    return ClusterAssessor.assess(new DiscoveryResult(DiscoveryResult.PODS, List.of(), null), List.of(observations));
  }

  private static NodeAssessment node(ClusterAssessment assessment, int ordinal) {
    return assessment.nodes().get(ordinal);
  }

  @Test
  void threeAgreeingNodesAreHealthyWithTheirLeader() {
    ClusterAssessment a = assess(answering(0, "cluster-leader.json"), answering(1, "cluster-follower.json"),
        answering(pod(2), followerAs(PEER_2)));
    assertThat(a.clusterStatus()).isEqualTo("Healthy");
    assertThat(a.healthyNodes()).isEqualTo(3);
    assertThat(a.leader()).isEqualTo(new PeerId(PEER_0));
    assertThat(a.warnings()).isEmpty();
    assertThat(node(a, 0).leader()).isTrue();
    assertThat(node(a, 1).leader()).isFalse();
    assertThat(node(a, 0).state()).isEqualTo("Healthy");
  }

  @Test
  void aStoppedNodeDegradesTheClusterAndTheLeaderOnlyWarnsAboutSendingToIt() {
    ClusterAssessment a = assess(answering(0, "cluster-leader-with-dead-peer.json"),
        answering(1, "cluster-follower.json"), failing(pod(2), FailureKind.CONNECTION));
    assertThat(a.clusterStatus()).isEqualTo("Degraded");
    assertThat(a.healthyNodes()).isEqualTo(2);
    assertThat(node(a, 2).errorType()).isEqualTo("ConnectionError");
    assertThat(node(a, 2).state()).isEqualTo("Failing");
    assertThat(node(a, 2).peerId()).isEqualTo(new PeerId(PEER_2));
    assertThat(node(a, 0).state()).isEqualTo("Warning");
    assertThat(a.warnings()).extracting(Problem::type).containsExactlyInAnyOrder("MessageSendFailures", "ConnectionError");
    assertThat(a.leader()).isEqualTo(new PeerId(PEER_0));
  }

  @Test
  void theStoppedNodesOwnFailureComesBeforeTheLeadersSendFailuresAboutIt() {
    ClusterAssessment a = assess(answering(0, "cluster-leader-with-dead-peer.json"),
        answering(1, "cluster-follower.json"), failing(pod(2), FailureKind.CONNECTION));
    assertThat(a.warnings()).extracting(Problem::node, Problem::type).containsExactly(
        org.assertj.core.groups.Tuple.tuple("qdrant-2", "ConnectionError"),
        org.assertj.core.groups.Tuple.tuple("qdrant-0", "MessageSendFailures"));
  }

  @Test
  void anIsolatedCandidateAtAHigherTermLeavesTheHealthyLeaderAlone() {
    JsonNode candidate = QdrantExamples.withResult("cluster-no-leader-candidate.json", "peer_id",
        com.fasterxml.jackson.databind.node.LongNode.valueOf(PEER_2));
    ((com.fasterxml.jackson.databind.node.ObjectNode) candidate.path("result").path("raft_info"))
        .put("term", 17).put("role", "Candidate").put("leader", 0);
    ClusterAssessment a = assess(answering(0, "cluster-leader.json"), answering(1, "cluster-follower.json"),
        answering(pod(2), candidate));
    assertThat(node(a, 2).state()).isEqualTo("Failing");
    assertThat(a.leader()).isEqualTo(new PeerId(PEER_0));
    assertThat(node(a, 0).problems()).noneSatisfy(p -> assertThat(p.type()).isEqualTo("ClusterSplit"));
  }

  @Test
  void anActiveSendFailureToANodeThatAnswersFailsTheSender() {
    ClusterAssessment a = assess(answering(0, "cluster-leader-with-dead-peer.json"),
        answering(1, "cluster-follower.json"), answering(pod(2), followerAs(PEER_2)));
    assertThat(node(a, 0).errorType()).isEqualTo("MessageSendFailures");
    assertThat(node(a, 0).problems().get(0).message()).contains("failed sends to").contains(String.valueOf(PEER_2))
        .doesNotContain("57");
    assertThat(node(a, 0).problems().get(0).error()).contains("57 failures");
    assertThat(a.clusterStatus()).isEqualTo("Degraded");
  }

  @Test
  void aStaleSendFailureIsOnlyAWarning() {
    ClusterAssessment a = assess(answering(1, "cluster-follower-with-send-failures.json"));
    assertThat(node(a, 0).state()).isEqualTo("Warning");
    assertThat(node(a, 0).errorType()).isNull();
    assertThat(a.warnings()).singleElement().satisfies(w -> {
      assertThat(w.type()).isEqualTo("MessageSendFailures");
      assertThat(w.message()).startsWith("stale entry");
    });
  }

  @Test
  void consensusStoppedWithErrorFailsTheNodeWithTheErrorText() {
    ClusterAssessment a = assess(answering(0, "cluster-leader.json"), answering(1, "cluster-follower.json"),
        answering(2, "cluster-consensus-stopped-with-error.json"));
    assertThat(node(a, 2).errorType()).isEqualTo("ConsensusThreadError");
    assertThat(a.warnings()).anySatisfy(w -> assertThat(w.error()).contains("No space left on device"));
    assertThat(a.healthyNodes()).isEqualTo(2);
  }

  @Test
  void aRemovedPeerThatStillRunsIsStoppedAndSplit() {
    ClusterAssessment a = assess(answering(0, "cluster-leader.json"), answering(1, "cluster-follower.json"),
        answering(2, "cluster-removed-peer-stopped.json"));
    assertThat(node(a, 2).errorType()).isEqualTo("ConsensusThreadError");
    assertThat(node(a, 2).problems()).extracting(Problem::type).contains("ClusterSplit");
    assertThat(node(a, 0).problems()).isEmpty();
  }

  @Test
  void unauthorizedTimeoutAndDisabledAreTheFirstFailingCheck() {
    ClusterAssessment a = assess(failing(pod(0), FailureKind.UNAUTHORIZED), failing(pod(1), FailureKind.TIMEOUT),
        answering(2, "cluster-disabled.json"));
    assertThat(a.nodes()).extracting(NodeAssessment::errorType)
        .containsExactly("Unauthorized", "Timeout", "InvalidResponse");
    assertThat(a.clusterStatus()).isEqualTo("Unavailable");
    assertThat(a.healthyNodes()).isZero();
  }

  @Test
  void noNodesIsUnavailableWithTheTiersTried() {
    ClusterAssessment a = ClusterAssessor.assess(new DiscoveryResult(DiscoveryResult.NONE, List.of(),
        "no Qdrant node found: tiers pods, static, env tried"), List.of());
    assertThat(a.clusterStatus()).isEqualTo("Unavailable");
    assertThat(a.totalNodes()).isZero();
    assertThat(a.warnings()).singleElement().satisfies(w -> {
      assertThat(w.type()).isEqualTo("NoNodesFound");
      assertThat(w.message()).contains("pods, static, env");
    });
  }

  @Test
  void collectionsFailureAfterConsensusKeepsConsensusAsErrorType() {
    NodeObservation stopped = answering(2, "cluster-consensus-stopped-with-error.json");
    NodeObservation both = new NodeObservation(stopped.target(), stopped.cluster(), stopped.root(),
        Fetch.failed(FailureKind.INVALID_RESPONSE, "HTTP 500"), stopped.issues());
    ClusterAssessment a = assess(both);
    assertThat(node(a, 0).errorType()).isEqualTo("ConsensusThreadError");
    assertThat(node(a, 0).problems()).extracting(Problem::type).contains("CollectionsFetchError");
  }

  @Test
  void qdrantIssuesAndAMissingVersionWarnButKeepTheNodeHealthy() {
    NodeObservation base = answering(0, "cluster-leader.json");
    NodeObservation withIssues = new NodeObservation(base.target(), base.cluster(),
        Fetch.failed(FailureKind.CONNECTION, "reset"), base.collections(), Fetch.ok(QdrantExamples.json("issues.json")));
    ClusterAssessment a = assess(withIssues);
    assertThat(node(a, 0).state()).isEqualTo("Warning");
    assertThat(a.healthyNodes()).isEqualTo(1);
    assertThat(a.warnings()).extracting(Problem::type).containsExactly("QdrantIssue", "QdrantIssue");
    assertThat(node(a, 0).problems()).extracting(Problem::type).contains("VersionUnknown");
  }

  @Test
  void aPodNotRunningIsFailing() {
    ClusterAssessment a = assess(answering(Observations.podNotRunning(0, "Pending"),
        QdrantExamples.json("cluster-leader.json")));
    assertThat(node(a, 0).errorType()).isEqualTo("PodNotRunning");
    assertThat(a.clusterStatus()).isEqualTo("Unavailable");
  }

  @Test
  void aCandidateWhosePeersAreDownKnowsNoLeader() {
    JsonNode candidate = QdrantExamples.json("cluster-no-leader-candidate.json");
    ClusterAssessment a = assess(failing(pod(0), FailureKind.CONNECTION), answering(pod(1), candidate),
        failing(pod(2), FailureKind.TIMEOUT));
    assertThat(a.leader()).isNull();
    assertThat(node(a, 1).state()).isEqualTo("Warning");
    assertThat(a.clusterStatus()).isEqualTo("Degraded");
    assertThat(a.warnings()).extracting(Problem::type).contains("NoLeader");
  }

  @Test
  void aCandidateFailingToReachPeersNobodyPollsIsFailing() {
    ClusterAssessment a = assess(answering(pod(1), QdrantExamples.json("cluster-no-leader-candidate.json")));
    assertThat(node(a, 0).errorType()).isEqualTo("MessageSendFailures");
    assertThat(a.clusterStatus()).isEqualTo("Unavailable");
  }
}
