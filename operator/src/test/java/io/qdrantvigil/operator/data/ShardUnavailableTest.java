package io.qdrantvigil.operator.data;

import static io.qdrantvigil.operator.data.Placements.P0;
import static io.qdrantvigil.operator.data.Placements.P1;
import static io.qdrantvigil.operator.data.Placements.P2;
import static io.qdrantvigil.operator.data.Placements.collection;
import static io.qdrantvigil.operator.data.Placements.context;
import static io.qdrantvigil.operator.data.Placements.replica;
import static io.qdrantvigil.operator.data.Placements.shard;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardUnavailableTest {

  @Test
  void theLastReplicaStaysActiveOnADeadPeerButIsNotReadable() {
    DataView degraded = Placements.telemetry("cluster-telemetry-level3-degraded.json");
    List<DataFinding> findings = ShardUnavailable.find(degraded.collections(), context(Set.of(P2), Map.of()));
    assertThat(findings).hasSize(1);
    DataFinding finding = findings.get(0);
    assertThat(finding.failing()).isTrue();
    assertThat(finding.node()).isNull();
    assertThat(finding.collections()).containsExactly("users");
    assertThat(finding.message()).isEqualTo("collection users shard 0 has no readable replica: qdrant-2 Active (peer down)");
  }

  @Test
  void readableStatesAreActiveActiveReadAndReshardingScaleDownOnAReachablePeer() {
    DataContext context = context(Set.of(), Map.of());
    assertThat(ShardUnavailable.find(List.of(
        collection("a", shard(0, replica(P0, "ActiveRead"))),
        collection("b", shard(0, replica(P0, "ReshardingScaleDown"))),
        collection("c", shard(0, replica(P0, "Active")))), context)).isEmpty();
    assertThat(ShardUnavailable.find(List.of(
        collection("d", shard(0, replica(P0, "Listener"), replica(P1, "Partial"), replica(P2, "Dead")))), context))
        .extracting(DataFinding::message)
        .containsExactly("collection d shard 0 has no readable replica: qdrant-0 Listener, qdrant-1 Partial, qdrant-2 Dead");
  }

  @Test
  void aHealthyClusterHasEveryShardReadable() {
    DataView healthy = Placements.telemetry("cluster-telemetry-level3-healthy.json");
    assertThat(ShardUnavailable.find(healthy.collections(), context(Set.of(), Map.of()))).isEmpty();
  }
}
