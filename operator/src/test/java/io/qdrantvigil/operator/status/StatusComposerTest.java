package io.qdrantvigil.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdrantvigil.operator.QdrantExamples;
import io.qdrantvigil.operator.api.NodeView;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.discovery.PodFacts;
import io.qdrantvigil.operator.health.ClusterAssessor;
import io.qdrantvigil.operator.probe.NodeObservation;
import io.qdrantvigil.operator.qdrant.Fetch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusComposerTest {

  private static final String NOW = "2026-08-04T12:30:20Z";

  private static NodeTarget pod(int ordinal) {
    return NodeTarget.ofPod(new PodFacts("db", "qdrant-" + ordinal, "qdrant", "10.0.0." + ordinal, null, "qdrant", 6333));
  }

  private static NodeObservation leaderWithIssues(int ordinal, ObjectNode issues) {
    return new NodeObservation(pod(ordinal), Fetch.ok(QdrantExamples.json("cluster-leader.json")),
        Fetch.ok(QdrantExamples.json("root.json")), Fetch.ok(QdrantExamples.json("collections.json")), Fetch.ok(issues));
  }

  private static ObjectNode floodOfIssues(int count, int descriptionLength) {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode list = mapper.createArrayNode();
    for (int i = 0; i < count; i++) {
      list.addObject().put("id", "ISSUE/" + i).put("description", "x".repeat(descriptionLength));
    }
    ObjectNode body = mapper.createObjectNode();
    body.putObject("result").set("issues", list);
    return body;
  }

  @Test
  void aHealthyNodeViewCarriesEverythingTheContractLists() {
    var assessment = ClusterAssessor.assess(new DiscoveryResult("pods", List.of(), null),
        List.of(leaderWithIssues(0, floodOfIssues(0, 0))));
    QdrantClusterWatchStatus status = StatusComposer.compose(assessment, null, 3, NOW);
    NodeView view = status.nodes().get(0);
    assertThat(status.clusterStatus()).isEqualTo("Healthy");
    assertThat(status.healthyNodes()).isEqualTo("1/1");
    assertThat(status.healthPercentage()).isEqualTo(100.0);
    assertThat(status.leader()).isEqualTo("5214719862031498");
    assertThat(status.warningCount()).isZero();
    assertThat(status.observedGeneration()).isEqualTo(3);
    assertThat(status.discovery()).isEqualTo("pods");
    assertThat(view.peerId()).isEqualTo("5214719862031498");
    assertThat(view.leader()).isTrue();
    assertThat(view.version()).isEqualTo("1.19.0");
    assertThat(view.peerUri()).isEqualTo("http://qdrant-0.qdrant-headless:6335/");
    assertThat(view.raft().role()).isEqualTo("Leader");
    assertThat(view.execCommand()).isEqualTo("kubectl exec -it -n db qdrant-0 -c qdrant -- /bin/bash");
    assertThat(view.logsCommand()).isEqualTo("kubectl logs -n db qdrant-0 -c qdrant --tail=1000");
    assertThat(view.portForwardCommand()).isEqualTo("kubectl port-forward -n db pod/qdrant-0 6333:6333");
    assertThat(view.dashboardUrl()).isEqualTo("http://10.0.0.0:6333/dashboard");
    assertThat(view.lastSeen()).isEqualTo(NOW);
    assertThat(status.conditions()).extracting(c -> c.getType() + "=" + c.getStatus())
        .containsExactly("Ready=True", "Degraded=False");
    assertThat(status.conditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3));
  }

  @Test
  void aFloodStaysBounded() throws Exception {
    List<NodeObservation> observations = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      observations.add(leaderWithIssues(i, floodOfIssues(50, 100_000)));
    }
    var assessment = ClusterAssessor.assess(new DiscoveryResult("pods", List.of(), null), observations);
    QdrantClusterWatchStatus status = StatusComposer.compose(assessment, null, 1, NOW);
    assertThat(status.warningCount()).isEqualTo(150);
    assertThat(status.warnings()).hasSize(20);
    assertThat(status.warningsOmitted()).isEqualTo(130);
    assertThat(status.warnings()).allSatisfy(w -> assertThat(w.message()).hasSizeLessThanOrEqualTo(300));
    assertThat(status.nodes()).allSatisfy(n -> {
      assertThat(n.issues()).hasSize(10);
      assertThat(n.issues()).allSatisfy(i -> assertThat(i).hasSizeLessThanOrEqualTo(300));
    });
    assertThat(new ObjectMapper().writeValueAsString(status).length()).isLessThan(30_000);
  }

  @Test
  void aSilentNodeKeepsItsLastSeenAndConditionsKeepTheirTransitionTime() {
    var healthy = ClusterAssessor.assess(new DiscoveryResult("pods", List.of(), null),
        List.of(leaderWithIssues(0, floodOfIssues(0, 0))));
    QdrantClusterWatchStatus first = StatusComposer.compose(healthy, null, 1, NOW);
    var silent = ClusterAssessor.assess(new DiscoveryResult("pods", List.of(), null), List.of(new NodeObservation(
        pod(0), Fetch.failed(io.qdrantvigil.operator.qdrant.FailureKind.TIMEOUT, "no answer"), null, null, null)));
    QdrantClusterWatchStatus second = StatusComposer.compose(silent, first, 1, "2026-08-04T12:31:00Z");
    assertThat(second.nodes().get(0).lastSeen()).isEqualTo(NOW);
    assertThat(second.clusterStatus()).isEqualTo("Unavailable");
    assertThat(second.conditions()).filteredOn(c -> c.getType().equals("Ready"))
        .singleElement().satisfies(c -> {
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getLastTransitionTime()).isEqualTo("2026-08-04T12:31:00Z");
        });
    assertThat(second.conditions()).filteredOn(c -> c.getType().equals("Degraded"))
        .singleElement().satisfies(c -> assertThat(c.getLastTransitionTime()).isEqualTo(NOW));
  }

  private static NodeObservation boastfulNode(int ordinal, String huge, int issueLength) {
    ObjectNode cluster = (ObjectNode) QdrantExamples.json("cluster-leader.json");
    ObjectNode result = (ObjectNode) cluster.get("result");
    long self = 1000 + ordinal;
    result.put("peer_id", self);
    ObjectNode peers = result.putObject("peers");
    peers.putObject(Long.toString(self)).put("uri", "http://" + huge + "/");
    ((ObjectNode) result.get("raft_info")).put("leader", self).put("role", huge);
    ObjectNode root = (ObjectNode) QdrantExamples.json("root.json");
    root.put("version", huge);
    return new NodeObservation(pod(ordinal), Fetch.ok(cluster), Fetch.ok(root),
        Fetch.ok(QdrantExamples.json("collections.json")), Fetch.ok(floodOfIssues(12, issueLength)));
  }

  private static void assertEveryTextAtMost300(com.fasterxml.jackson.databind.JsonNode node) {
    if (node.isTextual()) {
      assertThat(node.asText()).hasSizeLessThanOrEqualTo(300);
    }
    node.elements().forEachRemaining(StatusComposerTest::assertEveryTextAtMost300);
  }

  @Test
  void tenNodesAnswering400KbVersionsPeerUrisAndRolesMakeASmallStatus() throws Exception {
    String huge = "v".repeat(400 * 1024);
    List<NodeObservation> observations = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      observations.add(boastfulNode(i, huge, 400 * 1024));
    }
    var assessment = ClusterAssessor.assess(new DiscoveryResult("pods", List.of(), null), observations);
    QdrantClusterWatchStatus status = StatusComposer.compose(assessment, null, 1, NOW);
    byte[] json = new ObjectMapper().writeValueAsBytes(status);
    assertThat(json.length).isLessThan(64 * 1024);
    assertEveryTextAtMost300(new ObjectMapper().readTree(json));
  }

  @Test
  void aHundredNodesWithTenLongIssuesEachStayUnder256KiB() throws Exception {
    List<NodeObservation> observations = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      observations.add(boastfulNode(i, "x".repeat(1000), 1000));
    }
    var assessment = ClusterAssessor.assess(new DiscoveryResult("pods", List.of(), null), observations);
    QdrantClusterWatchStatus status = StatusComposer.compose(assessment, null, 1, NOW);
    assertThat(new ObjectMapper().writeValueAsBytes(status).length).isLessThan(256 * 1024);
    assertThat(status.warnings()).hasSize(20);
  }
}
