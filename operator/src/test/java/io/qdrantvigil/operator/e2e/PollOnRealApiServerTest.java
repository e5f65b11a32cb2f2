package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.api.NodeView;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.kube.Kubectl;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operator jar's code against a real kube-apiserver and simulated Qdrant pods. */
class PollOnRealApiServerTest extends OperatorOnRealApiServer {

  @Test
  void aHealthyClusterShowsInKubectlGetAndSatisfiesKubectlWait() {
    sandbox = new SandboxCase(client, ClusterOptions.defaults());
    sandbox.createWatch("prod", SandboxCase.spec("30s", "2s"));
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> "Healthy".equals(s.clusterStatus()));
    assertThat(status.healthyNodes()).isEqualTo("3/3");
    assertThat(status.healthPercentage()).isEqualTo(100.0);
    assertThat(status.discovery()).isEqualTo("pods");
    assertThat(status.leader()).isEqualTo(sandbox.cluster.leaderPeerId().orElseThrow());
    assertThat(status.nodes()).extracting(NodeView::podName).containsExactly("qdrant-0", "qdrant-1", "qdrant-2");
    assertThat(status.nodes()).filteredOn(NodeView::leader).hasSize(1);
    assertThat(status.nodes()).allSatisfy(n -> {
      assertThat(n.statefulSet()).isEqualTo("qdrant");
      assertThat(n.version()).isEqualTo("1.19.0");
      assertThat(n.execCommand()).isEqualTo("kubectl exec -it -n " + sandbox.namespace + " " + n.podName()
          + " -c qdrant -- /bin/bash");
    });

    Kubectl kubectl = server.kubectl();
    Kubectl.Result wait = kubectl.run("wait", "--for=condition=Ready", "qcw/prod", "-n", sandbox.namespace,
        "--timeout=20s");
    assertThat(wait.exitCode()).as(wait.toString()).isZero();
    Kubectl.Result get = kubectl.run("get", "qcw", "-n", sandbox.namespace);
    String[] lines = get.stdout().strip().split("\n");
    assertThat(lines[0]).containsPattern("NAME\\s+STATUS\\s+HEALTHY\\s+LEADER\\s+HEALTH%\\s+DATA\\s+WARNINGS\\s+AGE");
    assertThat(lines[1]).containsPattern("prod\\s+Healthy\\s+3/3\\s+" + status.leader() + "\\s+100\\s+Healthy\\s+0\\s+");
    Kubectl.Result wide = kubectl.run("get", "qcw", "-n", sandbox.namespace, "-o", "wide");
    assertThat(wide.stdout()).containsPattern("WARNINGS\\s+AGE\\s+DISCOVERY\\s+LAST POLL").contains("pods");
  }

  @Test
  void aStoppedNodeDegradesTheClusterToTwoOfThreeWithConnectionError() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    int follower = sandbox.cluster.leader().orElseThrow().ordinal() == 2 ? 1 : 2;
    sandbox.cluster.node(follower).setFault(Fault.STOPPED);
    sandbox.cluster.clock().advance(Duration.ofSeconds(1));
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> "Degraded".equals(s.clusterStatus()));
    assertThat(status.healthyNodes()).isEqualTo("2/3");
    assertThat(status.healthPercentage()).isEqualTo(66.7);
    assertThat(status.warnings()).anySatisfy(w -> {
      assertThat(w.node()).isEqualTo("qdrant-" + follower);
      assertThat(w.type()).isEqualTo("ConnectionError");
    });
    assertThat(status.nodes().get(follower).peerId()).isEqualTo(sandbox.cluster.node(follower).peerId());
    assertThat(client.v1().events().inNamespace(sandbox.namespace).list().getItems())
        .anySatisfy(e -> assertThat(e.getMessage()).contains("Healthy -> Degraded"));
  }

  @Test
  void allNodesDownIsUnavailableZeroOfThree() {
    healthySandbox(ClusterOptions.defaults(), "5s", "1s");
    sandbox.cluster.nodes().forEach(n -> n.setFault(Fault.STOPPED));
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> "Unavailable".equals(s.clusterStatus()));
    assertThat(status.healthyNodes()).isEqualTo("0/3");
    assertThat(status.healthPercentage()).isEqualTo(0.0);
    assertThat(status.leader()).isNullOrEmpty();
  }

  @Test
  void aDeletedPodShowsWithinSecondsNotAtTheNextInterval() {
    healthySandbox(ClusterOptions.defaults(), "10m", "2s");
    client.pods().inNamespace(sandbox.namespace).withName("qdrant-1").delete();
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> !"Healthy".equals(s.clusterStatus()));
    assertThat(status.warnings()).anySatisfy(w -> {
      assertThat(w.node()).isEqualTo("qdrant-1");
      assertThat(w.type()).isIn("PodNotRunning", "ConnectionError");
    });
    awaitStatus("prod", s -> "Healthy".equals(s.clusterStatus()));
  }

  @Test
  void aPeerIdAbove2To63SurvivesExactly() {
    sandbox = new SandboxCase(client, ClusterOptions.defaults().withLegacyPeerIds());
    sandbox.createWatch("prod", SandboxCase.spec("30s", "2s"));
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> "Healthy".equals(s.clusterStatus()));
    assertThat(status.nodes()).extracting(NodeView::peerId)
        .containsExactlyElementsOf(sandbox.cluster.nodes().stream().map(n -> n.peerId()).toList());
    assertThat(sandbox.cluster.nodes()).anySatisfy(n ->
        assertThat(n.peerIdAsBigInteger()).isGreaterThan(java.math.BigInteger.TWO.pow(63)));
    assertThat(status.leader()).isEqualTo(sandbox.cluster.leaderPeerId().orElseThrow());
  }
}
