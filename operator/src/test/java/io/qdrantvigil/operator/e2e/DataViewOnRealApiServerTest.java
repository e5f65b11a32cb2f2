package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.qdrantvigil.operator.api.NodeView;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.api.StatusWarning;
import io.qdrantvigil.sandbox.kube.Kubectl;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.CollectionSpec;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.FaultSpec;
import io.qdrantvigil.sandbox.qdrant.ReplicaState;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The data view end to end: the operator, a real kube-apiserver, and the simulator's data plane. */
class DataViewOnRealApiServerTest extends OperatorOnRealApiServer {

  /** products: 3 shards, factor 2; users: 3 shards, factor 1, one shard on each node. */
  private static final ClusterOptions TWO_COLLECTIONS = ClusterOptions.defaults()
      .withCollections(CollectionSpec.of("products", 3, 2), CollectionSpec.of("users", 3, 1));

  private static Optional<Condition> condition(QdrantClusterWatchStatus status, String type) {
    return status.conditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static boolean hasWarning(QdrantClusterWatchStatus status, String type) {
    return status.warnings() != null && status.warnings().stream().anyMatch(w -> type.equals(w.type()));
  }

  private static StatusWarning warning(QdrantClusterWatchStatus status, String type) {
    return status.warnings().stream().filter(w -> type.equals(w.type())).findFirst().orElseThrow();
  }

  private SandboxCase sandboxAt(String version, ClusterOptions options, QdrantClusterWatchSpec spec) {
    sandbox = new SandboxCase(client, options);
    if (version != null) {
      sandbox.cluster.nodes().forEach(n -> n.setFault(FaultSpec.version(version)));
    }
    sandbox.createWatch("prod", spec);
    awaitStatus("prod", s -> "Healthy".equals(s.clusterStatus()) && s.data() != null
        && !"Unknown".equals(s.data().state()));
    return sandbox;
  }

  /** A follower (not the leader) hosting the users shard whose only replica it holds. */
  private SimulatedNode followerHoldingAUsersShard() {
    String leader = sandbox.cluster.leaderPeerId().orElseThrow();
    Map<Integer, Map<String, ReplicaState>> users = sandbox.cluster.replicaStates("users");
    return sandbox.cluster.nodes().stream()
        .filter(n -> !n.peerId().equals(leader))
        .filter(n -> users.values().stream().anyMatch(r -> r.containsKey(n.peerId())))
        .findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "Qdrant {0}")
  @ValueSource(strings = {"1.19.0", "1.16.3"})
  void aStoppedNodeWithTheOnlyReplicaMakesTheDataUnavailableUntilItComesBack(String version) {
    sandboxAt(version.equals("1.19.0") ? null : version, TWO_COLLECTIONS, SandboxCase.spec("5s", "2s"));
    QdrantClusterWatchStatus before = awaitStatus("prod", s -> "AtRisk".equals(s.data().state()));
    assertThat(warning(before, "NoRedundancy").message()).endsWith(": users");
    assertThat(before.data().collections()).isEqualTo(2);
    assertThat(before.nodes()).allSatisfy(n -> assertThat(n.version()).isEqualTo(version));
    assertThat(before.data().readableReplicas()).isEqualTo("9/9");
    assertThat(condition(before, "DataAvailable")).get().extracting(Condition::getStatus).isEqualTo("True");
    assertThat(condition(before, "FullyReplicated")).get().extracting(Condition::getStatus).isEqualTo("False");

    SimulatedNode holder = followerHoldingAUsersShard();
    String pod = "qdrant-" + holder.ordinal();
    holder.setFault(Fault.STOPPED);
    sandbox.cluster.clock().advance(Duration.ofSeconds(1));
    Kubectl.Result wait = server.kubectl().run("wait", "--for=condition=DataAvailable=false", "qcw/prod", "-n",
        sandbox.namespace, "--timeout=30s");
    assertThat(wait.exitCode()).as(wait.toString()).isZero();
    QdrantClusterWatchStatus down = awaitStatus("prod", s -> "Unavailable".equals(s.data().state()));
    assertThat(down.clusterStatus()).isEqualTo("Degraded");
    assertThat(warning(down, "ShardUnavailable").message()).startsWith("collection users shard ")
        .contains(pod + " Active (peer down)");
    assertThat(down.collections().get(0).name()).isEqualTo("users");
    assertThat(down.collections().get(0).state()).isEqualTo("Unavailable");

    holder.heal();
    sandbox.cluster.clock().advance(Duration.ofSeconds(1));
    QdrantClusterWatchStatus back = awaitStatus("prod", s -> "Healthy".equals(s.clusterStatus())
        && "AtRisk".equals(s.data().state()));
    assertThat(back.data().readableReplicas()).isEqualTo("9/9");
    assertThat(hasWarning(back, "ShardUnavailable")).isFalse();
    assertThat(condition(back, "DataAvailable")).get().extracting(Condition::getStatus).isEqualTo("True");
  }

  @ParameterizedTest(name = "Qdrant {0}")
  @ValueSource(strings = {"1.19.0", "1.16.3"})
  void aDeadReplicaOnALiveNodeIsAtRiskWhileTheClusterStaysHealthy(String version) {
    sandboxAt(version.equals("1.19.0") ? null : version, ClusterOptions.defaults(), SandboxCase.spec("5s", "2s"));
    awaitStatus("prod", s -> "Healthy".equals(s.data().state()));
    String host = sandbox.cluster.replicaStates("products").get(0).keySet().iterator().next();
    SimulatedNode node = sandbox.cluster.nodes().stream().filter(n -> n.peerId().equals(host)).findFirst()
        .orElseThrow();
    sandbox.cluster.setReplicaState("products", 0, host, ReplicaState.Dead);
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> hasWarning(s, "DeadReplica"));
    assertThat(status.clusterStatus()).isEqualTo("Healthy");
    assertThat(status.data().state()).isEqualTo("AtRisk");
    StatusWarning dead = warning(status, "DeadReplica");
    assertThat(dead.node()).isEqualTo("qdrant-" + node.ordinal());
    assertThat(dead.message()).contains("Qdrant recovers it by itself");
    NodeView view = status.nodes().get(node.ordinal());
    assertThat(view.state()).isEqualTo("Warning");
    assertThat(view.deadReplicas()).isEqualTo(1);
    assertThat(view.replicas()).isEqualTo(2);
    assertThat(condition(status, "FullyReplicated")).get().extracting(Condition::getStatus).isEqualTo("False");
  }

  @Test
  void aStalledTransferIsStuckOnItsDestinationAfterStuckAfter() {
    sandboxAt(null, ClusterOptions.defaults(),
        new QdrantClusterWatchSpec(null, null, null, "5s", "2s", null, null, null, "10s", null));
    Map<String, ReplicaState> shard0 = sandbox.cluster.replicaStates("products").get(0);
    SimulatedNode source = sandbox.cluster.nodes().stream().filter(n -> shard0.containsKey(n.peerId())).findFirst()
        .orElseThrow();
    SimulatedNode target = sandbox.cluster.nodes().stream().filter(n -> !shard0.containsKey(n.peerId())).findFirst()
        .orElseThrow();
    source.setFault(Fault.TRANSFER_STALLED);
    sandbox.cluster.startTransfer("products", 0, source.peerId(), target.peerId(), true, "stream_records");
    QdrantClusterWatchStatus running = awaitStatus("prod", s -> s.transfers() != null && !s.transfers().isEmpty());
    assertThat(running.transfers().get(0).from()).isEqualTo("qdrant-" + source.ordinal());
    assertThat(running.transfers().get(0).to()).isEqualTo("qdrant-" + target.ordinal());
    assertThat(running.transfers().get(0).firstSeen()).isNotNull();
    assertThat(running.data().transfers()).isEqualTo(1);
    QdrantClusterWatchStatus stuck = awaitStatus("prod", s -> hasWarning(s, "StuckTransfer"));
    StatusWarning warning = warning(stuck, "StuckTransfer");
    assertThat(warning.node()).isEqualTo("qdrant-" + target.ordinal());
    assertThat(warning.message()).contains("has made no progress for more than 10s");
    assertThat(stuck.dataMemo().transfers()).hasSize(1);
  }

  @Test
  void aNodeWhoseViewDivergesIsNamed() {
    sandboxAt(null, ClusterOptions.defaults(), SandboxCase.spec("5s", "2s"));
    String leader = sandbox.cluster.leaderPeerId().orElseThrow();
    SimulatedNode odd = sandbox.cluster.nodes().stream().filter(n -> !n.peerId().equals(leader)).findFirst()
        .orElseThrow();
    odd.setFault(Fault.DIVERGENT_VIEW);
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> hasWarning(s, "ReplicaViewDivergence"));
    StatusWarning warning = warning(status, "ReplicaViewDivergence");
    assertThat(warning.node()).isEqualTo("qdrant-" + odd.ordinal());
    assertThat(warning.message()).contains("products").contains("Dead here, Active on");
    assertThat(status.nodes().get(odd.ordinal()).state()).isEqualTo("Warning");
    odd.clearFault(Fault.DIVERGENT_VIEW);
    awaitStatus("prod", s -> !hasWarning(s, "ReplicaViewDivergence"));
  }

  @Test
  void aPodScaledAwayWhileItsPeerStaysInRaftIsAnOrphanPeer() {
    sandboxAt(null, ClusterOptions.defaults(), SandboxCase.spec("5s", "2s"));
    String gone = sandbox.cluster.node(2).peerId();
    client.apps().statefulSets().inNamespace(sandbox.namespace).withName("qdrant").scale(2);
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> hasWarning(s, "OrphanPeer"));
    assertThat(warning(status, "OrphanPeer").message()).contains("peer " + gone)
        .endsWith("qdrantvigil.io/remove-peer=" + gone + ";force");
    assertThat(status.nodes()).hasSize(2);
  }

  @Test
  void aCollectionWithFactorOneHasNoRedundancy() {
    sandboxAt(null, ClusterOptions.defaults().withCollections(CollectionSpec.of("logs", 1, 1)),
        SandboxCase.spec("5s", "2s"));
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> hasWarning(s, "NoRedundancy"));
    assertThat(status.clusterStatus()).isEqualTo("Healthy");
    assertThat(status.data().state()).isEqualTo("AtRisk");
    assertThat(warning(status, "NoRedundancy").message()).endsWith(": logs");
    assertThat(status.collections()).singleElement().satisfies(c -> {
      assertThat(c.replicationFactor()).isEqualTo(1);
      assertThat(c.problems()).contains("NoRedundancy");
    });
    Kubectl.Result get = server.kubectl().run("get", "qcw", "-n", sandbox.namespace);
    assertThat(get.stdout()).containsPattern("DATA\\s+WARNINGS").containsPattern("100\\s+AtRisk\\s+1\\s+");
  }
}
