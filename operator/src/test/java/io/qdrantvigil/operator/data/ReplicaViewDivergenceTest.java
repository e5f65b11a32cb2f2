package io.qdrantvigil.operator.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.QdrantExamples;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReplicaViewDivergenceTest {

  private static final Function<PeerId, String> NAMES = p -> p.equals(Placements.P2) ? "qdrant-2"
      : p.equals(Placements.P0) ? "qdrant-0" : p.toString();

  @Test
  void theTransferSourcesViewAgreesWithTheTelemetryOfTheSameMoment() {
    CollectionPlacement chosen = Placements.telemetry("cluster-telemetry-level3-degraded.json")
        .collection("products").orElseThrow();
    CollectionPlacement other = CollectionClusterParser.parse("products",
        QdrantExamples.json("collection-cluster-with-transfer.json"));
    assertThat(ReplicaViewDivergence.compare(chosen, other, "qdrant-0", NAMES)).isEmpty();
  }

  @Test
  void aNodeThatSeesOtherStatesDiverges() {
    CollectionPlacement chosen = Placements.telemetry("cluster-telemetry-level3-healthy.json")
        .collection("products").orElseThrow();
    CollectionPlacement other = CollectionClusterParser.parse("products", QdrantExamples.json("collection-cluster.json"));
    assertThat(ReplicaViewDivergence.compare(chosen, other, "qdrant-0", NAMES)).hasValue(
        "shard 1 on qdrant-2 Dead here, Active on qdrant-0; shard 2 on qdrant-2 Partial here, Active on qdrant-0");
    assertThat(ReplicaViewDivergence.find(List.of(new ViewDifference("qdrant-1", "products", "x"))))
        .singleElement().satisfies(f -> {
          assertThat(f.node()).isEqualTo("qdrant-1");
          assertThat(f.type()).isEqualTo("ReplicaViewDivergence");
        });
  }
}
