package io.qdrantvigil.operator.health;

import static io.qdrantvigil.operator.health.Observations.PEER_2;
import static io.qdrantvigil.operator.health.Observations.answering;
import static io.qdrantvigil.operator.health.Observations.followerAs;
import static io.qdrantvigil.operator.health.Observations.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.QdrantExamples;
import io.qdrantvigil.operator.data.DataAssessment;
import io.qdrantvigil.operator.data.DataAssessor;
import io.qdrantvigil.operator.data.DataInputs;
import io.qdrantvigil.operator.data.DataMemo;
import io.qdrantvigil.operator.data.DataReading;
import io.qdrantvigil.operator.data.DataView;
import io.qdrantvigil.operator.data.TelemetryViewParser;
import io.qdrantvigil.operator.discovery.DiscoveryResult;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataVerdictTest {

  private static final Instant NOW = Instant.parse("2026-08-04T12:37:02Z");
  private static final Map<String, Integer> FACTORS = Map.of("products", 2, "users", 1);

  private static ClusterAssessment threeHealthyNodes() {
    return ClusterAssessor.assess(new DiscoveryResult(DiscoveryResult.PODS, List.of(), null),
        List.of(answering(0, "cluster-leader.json"), answering(1, "cluster-follower.json"),
            answering(pod(2), followerAs(PEER_2))));
  }

  private static ClusterAssessment withView(ClusterAssessment nodes, String telemetryExample) {
    DataView view = TelemetryViewParser.parse(QdrantExamples.json(telemetryExample), "qdrant-0", NOW);
    DataAssessment data = DataAssessor.assess(new DataReading(view, true, null, FACTORS, List.of(), 1),
        DataInputs.context(nodes, FACTORS, Duration.ofMinutes(15), NOW), DataMemo.EMPTY);
    return DataVerdict.apply(nodes, data);
  }

  @Test
  void anUnreadableShardDegradesAHealthyClusterAndDeadReplicasTurnTheirNodeOrange() {
    ClusterAssessment nodes = threeHealthyNodes();
    assertThat(nodes.clusterStatus()).isEqualTo("Healthy");
    ClusterAssessment a = withView(nodes, "cluster-telemetry-level3-degraded.json");
    assertThat(a.clusterStatus()).isEqualTo("Degraded");
    assertThat(a.healthyNodes()).isEqualTo(3);
    assertThat(a.data().state()).isEqualTo("Unavailable");
    assertThat(a.warnings().get(0).type()).isEqualTo("ShardUnavailable");
    assertThat(a.nodes().get(2).state()).isEqualTo("Warning");
    assertThat(a.nodes().get(2).problems()).extracting(Problem::type).containsExactly("DeadReplica", "DeadReplica");
    assertThat(a.nodes().get(0).state()).isEqualTo("Healthy");
    assertThat(a.warnings()).filteredOn(p -> p.type().equals("DeadReplica")).hasSize(2);
  }

  @Test
  void dataAtRiskLeavesTheVerdictHealthy() {
    ClusterAssessment a = withView(threeHealthyNodes(), "cluster-telemetry-level3-healthy.json");
    assertThat(a.clusterStatus()).isEqualTo("Healthy");
    assertThat(a.data().state()).isEqualTo("AtRisk");
    assertThat(a.warnings()).extracting(Problem::type).containsExactly("NoRedundancy");
    assertThat(a.nodes()).allSatisfy(n -> assertThat(n.state()).isEqualTo("Healthy"));
    assertThat(a.data().replicasPerPeer()).containsEntry(new PeerId(PEER_2), 3);
  }

  @Test
  void theDataViewIsReadFromTheAgreedLeaderWithEveryHealthyNodeAsASource() {
    ClusterAssessment nodes = threeHealthyNodes();
    assertThat(DataInputs.preferredNode(nodes)).isEqualTo("qdrant-0");
    assertThat(DataInputs.sources(nodes, List.of(answering(0, "cluster-leader.json"))))
        .extracting(s -> s.node() + " " + s.collections())
        .containsExactly("qdrant-0 [documents, products]", "qdrant-1 []", "qdrant-2 []");
  }
}
