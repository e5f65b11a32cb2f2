package io.qdrantvigil.operator.actions;

import static io.qdrantvigil.operator.actions.Clusters.GONE;
import static io.qdrantvigil.operator.actions.Clusters.failing;
import static io.qdrantvigil.operator.actions.Clusters.knowingGone;
import static io.qdrantvigil.operator.actions.Clusters.leader;
import static io.qdrantvigil.operator.actions.Clusters.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qdrantvigil.operator.qdrant.PeerId;
import org.junit.jupiter.api.Test;

class ClusterScopeTest {

  private final ClusterScope scope = new ClusterScope(Clusters.of(leader(0), knowingGone(1), failing(2)));

  @Test
  void aDiscoveredPodBelongsToTheWatchAndAnyOtherIsRefusedByName() throws ActionRefused {
    assertThat(scope.pod("qdrant-2").findings().target().name()).isEqualTo("qdrant-2");
    assertThatThrownBy(() -> scope.pod("postgres-0"))
        .isInstanceOf(ActionRefused.class)
        .hasMessage("pod 'postgres-0' is not a pod of this watch (pods: qdrant-0, qdrant-1, qdrant-2)");
  }

  @Test
  void theMembershipIsEveryNodesIdAndEveryPeerAnyNodeNames() throws ActionRefused {
    assertThat(scope.membership()).containsExactlyInAnyOrder(peer(0), peer(1), peer(2), GONE);
    assertThat(scope.member(GONE)).isEqualTo(GONE);
    assertThat(scope.member(peer(2))).isEqualTo(PeerId.parse("17293822569102704642"));
    assertThatThrownBy(() -> scope.member(PeerId.parse("42")))
        .isInstanceOf(ActionRefused.class)
        .hasMessage("peer 42 is not in this cluster's membership");
  }

  @Test
  void aStatefulSetOwningAPodBelongsAndAnyOtherIsRefusedByName() throws ActionRefused {
    assertThat(scope.statefulSet("qdrant")).isEqualTo("qdrant");
    assertThatThrownBy(() -> scope.statefulSet("postgres"))
        .isInstanceOf(ActionRefused.class)
        .hasMessage("StatefulSet 'postgres' owns none of this watch's pods");
  }

  @Test
  void aNodeIsNamedByPodOrByPeerId() throws ActionRefused {
    assertThat(scope.node("qdrant-1").peerId()).isEqualTo(peer(1));
    assertThat(scope.node(peer(2).toString()).findings().target().name()).isEqualTo("qdrant-2");
    assertThatThrownBy(() -> scope.node(GONE.toString()))
        .isInstanceOf(ActionRefused.class)
        .hasMessageContaining("'" + GONE + "' is neither a pod of this watch nor the peer id of one of its nodes");
    assertThatThrownBy(() -> scope.node("postgres-0")).isInstanceOf(ActionRefused.class);
  }

  @Test
  void aNodeOutsideKubernetesIsNamedByPeerIdAndOwnsNoStatefulSet() throws ActionRefused {
    ClusterScope external = new ClusterScope(Clusters.of(Clusters.external(0, "http://10.9.0.5:6333")));
    assertThat(external.node(peer(0).toString()).findings().target().url()).isEqualTo("http://10.9.0.5:6333");
    assertThatThrownBy(() -> external.statefulSet("qdrant")).isInstanceOf(ActionRefused.class);
    assertThatThrownBy(() -> external.pod("http://10.9.0.5:6333")).isInstanceOf(ActionRefused.class);
  }

  @Test
  void aPodWithoutAddressCannotBeSentARequest() {
    ClusterScope noIp = new ClusterScope(Clusters.of(leader(0), Clusters.node(1, true, false, null)));
    assertThatThrownBy(() -> noIp.node("qdrant-1"))
        .isInstanceOf(ActionRefused.class)
        .hasMessage("node 'qdrant-1' has no address yet (pod without IP)");
  }

  @Test
  void anEmptyPollConfinesEverything() {
    ClusterScope empty = new ClusterScope(Clusters.of());
    assertThat(empty.membership()).isEmpty();
    assertThatThrownBy(() -> empty.pod("qdrant-0")).isInstanceOf(ActionRefused.class);
  }
}
