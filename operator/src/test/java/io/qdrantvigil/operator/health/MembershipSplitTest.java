package io.qdrantvigil.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MembershipSplitTest {

  private static Set<PeerId> ids(long... ids) {
    return Arrays.stream(ids).mapToObj(PeerId::new).collect(Collectors.toSet());
  }

  @Test
  void agreeingNodesHaveNoSplit() {
    var result = MembershipSplit.detect(Map.of("a", ids(1, 2, 3), "b", ids(1, 2, 3), "c", ids(1, 2, 3)));
    assertThat(result.problems()).isEmpty();
    assertThat(result.view()).isEqualTo(ids(1, 2, 3));
  }

  @Test
  void theStrictMajorityViewWinsAndTheOddNodeIsSplit() {
    Map<String, Set<PeerId>> memberships = new LinkedHashMap<>();
    memberships.put("qdrant-0", ids(1, 2, 3));
    memberships.put("qdrant-1", ids(1, 2, 3));
    memberships.put("qdrant-2", ids(3));
    var result = MembershipSplit.detect(memberships);
    assertThat(result.view()).isEqualTo(ids(1, 2, 3));
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.node()).isEqualTo("qdrant-2");
      assertThat(p.type()).isEqualTo("ClusterSplit");
      assertThat(p.failing()).isTrue();
      assertThat(p.message()).contains("missing peers 1, 2");
    });
  }

  @Test
  void unexpectedPeersAreNamed() {
    var result = MembershipSplit.detect(Map.of("a", ids(1, 2, 3), "b", ids(1, 2, 3), "c", ids(1, 2, 3, 9)));
    assertThat(result.problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("unexpected peers 9").doesNotContain("missing"));
  }

  @Test
  void withoutAStrictMajorityTheLargestMembershipWins() {
    Map<String, Set<PeerId>> memberships = new LinkedHashMap<>();
    memberships.put("a", ids(1, 2));
    memberships.put("b", ids(1, 2, 3));
    var result = MembershipSplit.detect(memberships);
    assertThat(result.view()).isEqualTo(ids(1, 2, 3));
    assertThat(result.problems()).extracting(Problem::node).containsExactly("a");
  }

  @Test
  void halfIsNotAStrictMajority() {
    Map<String, Set<PeerId>> memberships = new LinkedHashMap<>();
    memberships.put("a", ids(1, 2));
    memberships.put("b", ids(1, 2));
    memberships.put("c", ids(1, 2, 3, 4));
    memberships.put("d", ids(1, 2, 3, 4));
    var result = MembershipSplit.detect(memberships);
    assertThat(result.view()).isEqualTo(ids(1, 2, 3, 4));
    assertThat(result.problems()).extracting(Problem::node).containsExactlyInAnyOrder("a", "b");
  }
}
