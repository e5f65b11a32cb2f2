package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.qdrantvigil.operator.api.ApiKeySecretRef;
import io.qdrantvigil.operator.api.NodeView;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Each fault of a Qdrant node, as the watch's status shows it on a real apiserver. */
class FaultsOnRealApiServerTest extends OperatorOnRealApiServer {

  private SimulatedNode follower() {
    String leader = sandbox.cluster.leaderPeerId().orElseThrow();
    return sandbox.cluster.nodes().stream().filter(n -> !n.peerId().equals(leader)).findFirst().orElseThrow();
  }

  private NodeView view(QdrantClusterWatchStatus status, SimulatedNode node) {
    return status.nodes().get(node.ordinal());
  }

  @Test
  void aHungNodeIsATimeoutAndThePollStillEnds() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    SimulatedNode hung = follower();
    hung.setFault(Fault.HUNG);
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> "Degraded".equals(s.clusterStatus()));
    assertThat(view(status, hung).errorType()).isEqualTo("Timeout");
    assertThat(status.warnings()).anySatisfy(w -> assertThat(w.message()).contains("no answer within 2000 ms"));
    assertThat(status.healthyNodes()).isEqualTo("2/3");
  }

  @Test
  void aConsensusThreadStoppedWithAnErrorFailsThatNodeWithTheError() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    SimulatedNode broken = follower();
    broken.setFault(Fault.CONSENSUS_STOPPED_WITH_ERR);
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> "Degraded".equals(s.clusterStatus()));
    assertThat(view(status, broken).errorType()).isEqualTo("ConsensusThreadError");
    assertThat(status.warnings()).anySatisfy(w -> {
      assertThat(w.type()).isEqualTo("ConsensusThreadError");
      assertThat(w.error()).contains("restarting consensus thread");
    });
  }

  @Test
  void anIsolatedLeaderKeepsClaimingLeadershipAndIsFlaggedWhileTheMajorityElectsANewOne() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    SimulatedNode oldLeader = sandbox.cluster.leader().orElseThrow();
    oldLeader.setFault(Fault.PARTITIONED);
    List<SimulatedNode> majority = sandbox.cluster.nodes().stream().filter(n -> n != oldLeader).toList();
    await().atMost(WAIT).until(() -> {
      sandbox.cluster.clock().advance(Duration.ofSeconds(1));
      return settledOnANewLeader(majority, oldLeader);
    });
    String newLeader = String.valueOf(majority.get(0).raft().leader());
    // Time goes on while the operator polls, as it would: the majority's leader stays, the isolated one keeps claiming.
    await().atMost(WAIT).until(() -> {
      sandbox.cluster.clock().advance(Duration.ofMillis(200));
      QdrantClusterWatchStatus polled = sandbox.status("prod");
      return polled != null && newLeader.equals(polled.leader()) && polled.warnings() != null
          && polled.warnings().stream().anyMatch(w -> "ClusterSplit".equals(w.type()));
    });
    QdrantClusterWatchStatus status = sandbox.status("prod");
    assertThat(status.warnings()).anySatisfy(w -> {
      assertThat(w.node()).isEqualTo("qdrant-" + oldLeader.ordinal());
      assertThat(w.type()).isEqualTo("ClusterSplit");
      assertThat(w.message()).contains("still claims leadership");
    });
    assertThat(view(status, oldLeader).raft().role()).isEqualTo("Leader");
    assertThat(status.clusterStatus()).isEqualTo("Degraded");
  }

  /** Both connected nodes name the same leader, not the isolated one, at the same term: the election is over. */
  private static boolean settledOnANewLeader(List<SimulatedNode> majority, SimulatedNode oldLeader) {
    var a = majority.get(0).raft();
    var b = majority.get(1).raft();
    return a.leader() != null && Objects.equals(a.leader(), b.leader()) && a.term() == b.term()
        && !String.valueOf(a.leader()).equals(oldLeader.peerId()) && !"0".equals(String.valueOf(a.leader()));
  }

  @Test
  void aMissingApiKeyIsUnauthorizedAndTheSecretFixesIt() {
    sandbox = new SandboxCase(client, ClusterOptions.defaults().withApiKey("s3cret-key"));
    sandbox.createWatch("prod", SandboxCase.spec("5s", "2s"));
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> s.nodes() != null && s.nodes().size() == 3
        && s.nodes().stream().allMatch(n -> "Unauthorized".equals(n.errorType())));
    assertThat(status.clusterStatus()).isEqualTo("Unavailable");
    assertThat(status.warnings()).allSatisfy(w -> assertThat(w.message()).contains("HTTP 401"));

    client.secrets().inNamespace(sandbox.namespace).resource(new SecretBuilder().withNewMetadata()
        .withName("qdrant-key").addToLabels("qdrantvigil.io/api-key", "true").endMetadata()
        .addToStringData("api-key", "s3cret-key").build()).create();
    QdrantClusterWatch watch = sandbox.watch("prod");
    QdrantClusterWatchSpec spec = watch.getSpec();
    watch.setSpec(new QdrantClusterWatchSpec(spec.selector(), spec.nodes(), spec.port(), spec.interval(),
        spec.timeout(), new ApiKeySecretRef("qdrant-key", "api-key"), spec.container(), spec.actions()));
    client.resources(QdrantClusterWatch.class).inNamespace(sandbox.namespace).resource(watch).update();
    QdrantClusterWatchStatus fixed = awaitStatus("prod", s -> "Healthy".equals(s.clusterStatus()));
    assertThat(fixed.toString()).doesNotContain("s3cret-key");
  }

  @Test
  void aNodeAnsweringMegabytesLeavesTheResourceSmall() throws Exception {
    healthySandbox(ClusterOptions.defaults(), "5s", "3s");
    SimulatedNode flooding = follower();
    flooding.setFault(Fault.HUGE_BODY);
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> "Degraded".equals(s.clusterStatus()));
    assertThat(view(status, flooding).errorType()).isEqualTo("InvalidResponse");
    assertThat(status.warnings()).anySatisfy(w -> assertThat(w.message()).contains("larger than 1024 KiB"));
    int bytes = new ObjectMapper().writeValueAsBytes(sandbox.watch("prod")).length;
    assertThat(bytes).isLessThan(20_000);
  }

  @Test
  void aRemovedPeerThatStillRunsIsStoppedAndSplitFromTheCluster() throws Exception {
    healthySandbox(ClusterOptions.defaults().withCollections(), "5s", "2s");
    SimulatedNode removed = follower();
    SimulatedNode leader = sandbox.cluster.leader().orElseThrow();
    try (Response response = new OkHttpClient().newCall(new Request.Builder()
        .url(leader.url() + "/cluster/peer/" + removed.peerId()).delete().build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> s.nodes() != null
        && "ConsensusThreadError".equals(view(s, removed).errorType()));
    assertThat(view(status, removed).issues()).anySatisfy(i -> assertThat(i).startsWith("ClusterSplit"));
    assertThat(status.clusterStatus()).isEqualTo("Degraded");
  }
}
