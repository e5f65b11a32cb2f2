package io.qdrantvigil.operator.data;

import static io.qdrantvigil.operator.data.Placements.P0;
import static io.qdrantvigil.operator.data.Placements.P1;
import static io.qdrantvigil.operator.data.Placements.collection;
import static io.qdrantvigil.operator.data.Placements.context;
import static io.qdrantvigil.operator.data.Placements.replica;
import static io.qdrantvigil.operator.data.Placements.shard;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoRedundancyTest {

  @Test
  void oneWarningNamesEveryCollectionWithASingleCopy() {
    List<CollectionPlacement> collections = List.of(
        collection("a", shard(0, replica(P0, "Active"), replica(P1, "Active"))),
        collection("b", shard(0, replica(P0, "Active")), shard(1, replica(P0, "Active"), replica(P1, "Active"))),
        collection("c", shard(0, replica(P0, "Active"), replica(P1, "Active"))));
    List<DataFinding> findings = NoRedundancy.find(collections, context(Set.of(), Map.of("a", 2, "b", 2, "c", 1)));
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.collections()).containsExactly("b", "c");
      assertThat(f.node()).isNull();
      assertThat(f.message()).endsWith(": b, c").startsWith("2 collection(s) keep data in a single copy");
    });
  }

  @Test
  void theHealthyExamplesUsersHasFactorOne() {
    DataView healthy = Placements.telemetry("cluster-telemetry-level3-healthy.json");
    assertThat(NoRedundancy.find(healthy.collections(), context(Set.of(), Map.of("products", 2, "users", 1))))
        .singleElement().extracting(DataFinding::collections).asList().containsExactly("users");
  }

  @Test
  void aSingleNodeClusterHasNoRedundancyToLack() {
    DataContext single = new DataContext(Set.of(P0), Set.of(), Map.of(), Map.of(), true, Set.of(P0), true,
        Map.of("a", 1), Duration.ofMinutes(15), Placements.T0);
    assertThat(NoRedundancy.find(List.of(collection("a", shard(0, replica(P0, "Active")))), single)).isEmpty();
  }
}
