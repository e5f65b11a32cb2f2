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

class UnderReplicatedTest {

  @Test
  void theDegradedExampleHasTwoProductsShardsWithOneReadableReplicaOfTwo() {
    DataView degraded = Placements.telemetry("cluster-telemetry-level3-degraded.json");
    List<DataFinding> findings = UnderReplicated.find(degraded.collections(),
        context(Set.of(P2), Map.of("products", 2, "users", 1)));
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.collections()).containsExactly("products");
      assertThat(f.message()).isEqualTo("collection products has fewer readable replicas than its replication factor 2: "
          + "shard 1 has 1, shard 2 has 1");
    });
  }

  @Test
  void aFactorAboveTheNumberOfPeersIsNotJudged() {
    assertThat(UnderReplicated.find(List.of(collection("c", shard(0, replica(P0, "Active"), replica(P1, "Active"),
        replica(P2, "Active")))), context(Set.of(), Map.of("c", 4)))).isEmpty();
    assertThat(UnderReplicated.find(List.of(collection("c", shard(0, replica(P0, "Active"), replica(P1, "Active")))),
        context(Set.of(), Map.of("c", 3)))).hasSize(1);
  }

  @Test
  void anUnknownFactorIsNotJudged() {
    assertThat(UnderReplicated.find(List.of(collection("c", shard(0, replica(P0, "Active")))),
        context(Set.of(), Map.of()))).isEmpty();
  }
}
