package io.qdrantvigil.operator.data;

import static io.qdrantvigil.operator.data.Placements.P0;
import static io.qdrantvigil.operator.data.Placements.P1;
import static io.qdrantvigil.operator.data.Placements.P2;
import static io.qdrantvigil.operator.data.Placements.T0;
import static io.qdrantvigil.operator.data.Placements.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.health.Problem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataAssessorTest {

  private static final Map<String, Integer> FACTORS = Map.of("products", 2, "users", 1);

  @Test
  void theHealthyExampleIsAtRiskOnlyBecauseUsersHasASingleCopy() {
    DataAssessment a = DataAssessor.assess(Placements.fresh(Placements.telemetry("cluster-telemetry-level3-healthy.json"),
        FACTORS), context(Set.of(), FACTORS), DataMemo.EMPTY);
    assertThat(a.state()).isEqualTo(DataStates.AT_RISK);
    assertThat(a.warnings()).extracting(Problem::type).containsExactly("NoRedundancy");
    assertThat(a.shards()).isEqualTo(4);
    assertThat(a.readableReplicas()).isEqualTo(7);
    assertThat(a.replicas()).isEqualTo(7);
    assertThat(a.collections()).extracting(CollectionAssessment::name, CollectionAssessment::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("users", "AtRisk"),
            org.assertj.core.groups.Tuple.tuple("products", "Healthy"));
    assertThat(a.replicasPerPeer()).containsEntry(P0, 2).containsEntry(P1, 2).containsEntry(P2, 3);
    assertThat(a.deadReplicasPerPeer()).isEmpty();
    assertThat(a.viewTime()).isNull();
  }

  @Test
  void withAllDataReplicatedTheHealthyExampleIsHealthy() {
    DataView products = new DataView("qdrant-0", DataView.TELEMETRY,
        List.of(Placements.telemetry("cluster-telemetry-level3-healthy.json").collection("products").orElseThrow()),
        Map.of(), T0);
    DataAssessment a = DataAssessor.assess(Placements.fresh(products, FACTORS), context(Set.of(), FACTORS),
        DataMemo.EMPTY);
    assertThat(a.state()).isEqualTo(DataStates.HEALTHY);
    assertThat(a.warnings()).isEmpty();
  }

  @Test
  void theDegradedExampleIsUnavailableBecauseUsersLivesOnlyOnTheDeadPeer() {
    DataAssessment a = DataAssessor.assess(Placements.fresh(Placements.telemetry("cluster-telemetry-level3-degraded.json"),
        FACTORS), context(Set.of(), FACTORS), DataMemo.EMPTY);
    assertThat(a.state()).isEqualTo(DataStates.UNAVAILABLE);
    assertThat(a.shardUnavailable()).isTrue();
    assertThat(a.warnings()).extracting(Problem::type).containsExactly("ShardUnavailable", "DeadReplica", "DeadReplica",
        "UnderReplicated", "NoRedundancy");
    assertThat(a.warnings().get(0).failing()).isTrue();
    assertThat(a.warningsOn("qdrant-2")).hasSize(2);
    assertThat(a.readableReplicas()).isEqualTo(4);
    assertThat(a.replicas()).isEqualTo(8);
    assertThat(a.replicasByState()).containsEntry("Active", 5).containsEntry("Dead", 2).containsEntry("Partial", 1);
    assertThat(a.deadReplicasPerPeer()).containsOnly(Map.entry(P2, 2));
    assertThat(a.collections()).extracting(CollectionAssessment::name).containsExactly("users", "products");
    CollectionAssessment products = a.collections().get(1);
    assertThat(products.state()).isEqualTo(DataStates.AT_RISK);
    assertThat(products.readableReplicas()).isEqualTo(4);
    assertThat(products.replicas()).isEqualTo(7);
    assertThat(products.transfers()).isEqualTo(1);
    assertThat(products.problems()).containsExactly("DeadReplica shard 1", "DeadReplica shard 2", "UnderReplicated");
    assertThat(a.transfers()).singleElement().satisfies(t -> {
      assertThat(t.from()).isEqualTo("qdrant-1");
      assertThat(t.to()).isEqualTo("qdrant-0");
      assertThat(t.firstSeen()).isEqualTo(T0);
      assertThat(t.stuck()).isFalse();
    });
    assertThat(a.memo().transfers()).hasSize(1);
    assertThat(a.memo().replicas()).hasSize(1);
  }

  @Test
  void aViewThatCouldNotBeReadIsUnknownAndKeepsTheLastViewDated() {
    DataView last = Placements.telemetry("cluster-telemetry-level3-degraded.json");
    DataMemo memo = DataMemo.EMPTY.observe(last.collections(), T0, Placements.STUCK_AFTER);
    DataReading failed = new DataReading(last, false, "GET /cluster/telemetry on qdrant-0 failed (Timeout: no answer "
        + "within 5000 ms)", FACTORS, List.of(), 1);
    DataAssessment a = DataAssessor.assess(failed, context(Set.of(), FACTORS, T0.plusSeconds(60)), memo);
    assertThat(a.state()).isEqualTo(DataStates.UNKNOWN);
    assertThat(a.warnings()).singleElement().satisfies(p -> {
      assertThat(p.type()).isEqualTo("DataViewUnavailable");
      assertThat(p.failing()).isFalse();
      assertThat(p.message()).isEqualTo("the data view could not be read: GET /cluster/telemetry on qdrant-0 failed "
          + "(Timeout: no answer within 5000 ms); showing the view read at 2026-08-04T12:30:00Z");
    });
    assertThat(a.viewTime()).isEqualTo(T0);
    assertThat(a.collections()).hasSize(2);
    assertThat(a.memo()).isEqualTo(memo);
  }

  @Test
  void noHealthyNodeIsUnknownWithoutAWarningOfItsOwn() {
    DataAssessment a = DataAssessor.assess(new DataReading(null, false, null, Map.of(), List.of(), 0),
        context(Set.of(), Map.of()), DataMemo.EMPTY);
    assertThat(a.state()).isEqualTo(DataStates.UNKNOWN);
    assertThat(a.warnings()).isEmpty();
  }

  @Test
  void noViewEverReadIsUnknownWithNothingShown() {
    DataAssessment a = DataAssessor.assess(new DataReading(null, false, "no healthy node to read it from", Map.of(),
        List.of(), 0), context(Set.of(), Map.of()), DataMemo.EMPTY);
    assertThat(a.state()).isEqualTo(DataStates.UNKNOWN);
    assertThat(a.collections()).isEmpty();
    assertThat(a.warnings()).extracting(Problem::message)
        .containsExactly("the data view could not be read: no healthy node to read it from; no earlier view");
  }

  @Test
  void aDivergentNodeGetsItsWarningAndTheDataIsAtRisk() {
    DataView products = new DataView("qdrant-0", DataView.TELEMETRY,
        List.of(Placements.telemetry("cluster-telemetry-level3-healthy.json").collection("products").orElseThrow()),
        Map.of(), T0);
    DataReading reading = new DataReading(products, true, null, FACTORS,
        List.of(new ViewDifference("qdrant-1", "products", "shard 1 on qdrant-2 Dead here, Active on qdrant-0")), 2);
    DataAssessment a = DataAssessor.assess(reading, context(Set.of(), FACTORS), DataMemo.EMPTY);
    assertThat(a.state()).isEqualTo(DataStates.AT_RISK);
    assertThat(a.warningsOn("qdrant-1")).extracting(Problem::type).containsExactly("ReplicaViewDivergence");
  }
}
