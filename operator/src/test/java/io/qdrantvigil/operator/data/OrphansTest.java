package io.qdrantvigil.operator.data;

import static io.qdrantvigil.operator.data.Placements.P0;
import static io.qdrantvigil.operator.data.Placements.P1;
import static io.qdrantvigil.operator.data.Placements.P2;
import static io.qdrantvigil.operator.data.Placements.STUCK_AFTER;
import static io.qdrantvigil.operator.data.Placements.T0;
import static io.qdrantvigil.operator.data.Placements.collection;
import static io.qdrantvigil.operator.data.Placements.replica;
import static io.qdrantvigil.operator.data.Placements.shard;
import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrphansTest {

  private static DataContext scaledDown(boolean podsTier, boolean everyPodIdentified) {
    Map<PeerId, String> names = Map.of(P0, "qdrant-0", P1, "qdrant-1");
    return new DataContext(Set.of(P0, P1, P2), Set.of(), names, names, podsTier, Set.of(P0, P1), everyPodIdentified,
        Map.of(), STUCK_AFTER, T0);
  }

  @Test
  void aPeerNoPodIsIsAnOrphanPeerInThePodsTier() {
    assertThat(OrphanPeer.find(List.of(), scaledDown(true, true))).singleElement().satisfies(f -> {
      assertThat(f.node()).isNull();
      assertThat(f.message()).contains("peer 1187436102589467 is in the Raft membership but no pod of the watch is that peer")
          .endsWith("; qdrantvigil.io/remove-peer=1187436102589467");
    });
  }

  @Test
  void anOrphanThatStillListsReplicasIsToldToReCreateThemThenRemoveWithForce() {
    List<CollectionPlacement> held = List.of(collection("c", shard(0, replica(P0, "Active"), replica(P2, "Dead"))));
    assertThat(OrphanPeer.find(held, scaledDown(true, true))).singleElement().satisfies(f -> assertThat(f.message())
        .endsWith("re-create its replicas elsewhere (qdrantvigil.io/replicate-shard), then"
            + " qdrantvigil.io/remove-peer=1187436102589467;force"));
  }

  @Test
  void outsideThePodsTierOrWithAnUnidentifiedPodNoPeerIsCalledAnOrphan() {
    assertThat(OrphanPeer.find(List.of(), scaledDown(false, true))).isEmpty();
    assertThat(OrphanPeer.find(List.of(), scaledDown(true, false))).isEmpty();
  }

  @Test
  void anOrphanPeersReplicasAreNotReadable() {
    DataView view = new DataView("qdrant-0", DataView.COLLECTIONS,
        List.of(collection("c", shard(0, replica(P2, "Active")))), Map.of(), T0);
    DataAssessment a = DataAssessor.assess(Placements.fresh(view, Map.of()), scaledDown(true, true), DataMemo.EMPTY);
    assertThat(a.state()).isEqualTo(DataStates.UNAVAILABLE);
  }

  @Test
  void aReplicaOnAPeerOutsideTheMembershipIsAnOrphanReplica() {
    PeerId gone = PeerId.parse("18446744073709551615");
    List<DataFinding> findings = OrphanReplica.find(
        List.of(collection("c", shard(0, replica(P0, "Active"), replica(gone, "Dead")))), scaledDown(true, true));
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.collections()).containsExactly("c");
      assertThat(f.message()).contains("peer 18446744073709551615 (Dead), which is not in the Raft membership");
    });
  }
}
