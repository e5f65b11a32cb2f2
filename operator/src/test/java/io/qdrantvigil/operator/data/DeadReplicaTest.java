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

class DeadReplicaTest {

  @Test
  void deadReplicasOnADownNodeNeedAPerson() {
    DataView degraded = Placements.telemetry("cluster-telemetry-level3-degraded.json");
    List<DataFinding> findings = DeadReplica.find(degraded.collections(), context(Set.of(P2), Map.of()));
    assertThat(findings).extracting(DataFinding::node).containsExactly("qdrant-2", "qdrant-2");
    assertThat(findings).extracting(DataFinding::shortText).containsExactly("DeadReplica shard 1", "DeadReplica shard 2");
    assertThat(findings.get(0).message()).startsWith("replica of products shard 1 on qdrant-2 is Dead; a person must act: "
        + "its node is down");
  }

  @Test
  void aDeadReplicaOnALiveNodeWithAReadableCopyElsewhereRecoversByItself() {
    List<DataFinding> findings = DeadReplica.find(
        List.of(collection("products", shard(1, replica(P1, "Active"), replica(P2, "Dead")))),
        context(Set.of(), Map.of()));
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.node()).isEqualTo("qdrant-2");
      assertThat(f.message()).isEqualTo("replica of products shard 1 on qdrant-2 is Dead; Qdrant recovers it by itself "
          + "from qdrant-1 (its node is up and a readable replica exists)");
    });
  }

  @Test
  void aDeadReplicaWithNoReadableCopyNeedsASnapshot() {
    List<DataFinding> findings = DeadReplica.find(
        List.of(collection("c", shard(0, replica(P0, "Dead"), replica(P1, "Partial")))), context(Set.of(), Map.of()));
    assertThat(findings).singleElement().extracting(DataFinding::message).asString()
        .contains("a person must act: no readable replica");
  }
}
