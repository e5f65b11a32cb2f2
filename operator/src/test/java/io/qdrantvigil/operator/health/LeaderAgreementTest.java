package io.qdrantvigil.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.qdrant.ClusterInfo.RaftInfo;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderAgreementTest {

  private static LeaderAgreement.RaftView view(String node, long self, long term, Long leader, String role,
      boolean healthy) {
    return new LeaderAgreement.RaftView(node, new RaftInfo(term, 10, 0, leader == null ? null : new PeerId(leader), role),
        new PeerId(self), healthy);
  }

  @Test
  void allNodesNamingOneLeaderAgree() {
    var result = LeaderAgreement.decide(List.of(
        view("a", 1, 2, 1L, "Leader", true), view("b", 2, 2, 1L, "Follower", true), view("c", 3, 2, 1L, "Follower", true)));
    assertThat(result.leader()).isEqualTo(new PeerId(1));
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void leaderZeroAndNullMeanNoLeader() {
    var result = LeaderAgreement.decide(List.of(
        view("a", 1, 5, 0L, "Candidate", true), view("b", 2, 5, null, null, true)));
    assertThat(result.leader()).isNull();
  }

  @Test
  void anIsolatedOldLeaderIsFlaggedAndTheNewLeaderWins() {
    var result = LeaderAgreement.decide(List.of(
        view("a", 1, 2, 1L, "Leader", true), view("b", 2, 3, 2L, "Leader", true), view("c", 3, 3, 2L, "Follower", true)));
    assertThat(result.leader()).isEqualTo(new PeerId(2));
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.node()).isEqualTo("a");
      assertThat(p.type()).isEqualTo("ClusterSplit");
      assertThat(p.failing()).isFalse();
      assertThat(p.message()).contains("cut off from the majority");
      assertThat(p.error()).contains("term 2").contains("term 3");
    });
  }

  @Test
  void differentLeadersInOneTermAreFlaggedAndNoneIsAgreed() {
    var result = LeaderAgreement.decide(List.of(
        view("a", 1, 4, 1L, "Leader", true), view("b", 2, 4, 1L, "Follower", true), view("c", 3, 4, 3L, "Leader", true)));
    assertThat(result.leader()).isNull();
    assertThat(result.problems()).extracting(Problem::node).containsExactly("c");
  }

  @Test
  void onlyHealthyNodesDecideTheLeader() {
    var result = LeaderAgreement.decide(List.of(
        view("a", 1, 7, 0L, "Candidate", false), view("b", 2, 6, 2L, "Leader", true), view("c", 3, 6, 2L, "Follower", true)));
    assertThat(result.leader()).isEqualTo(new PeerId(2));
  }

  @Test
  void anIsolatedFailingCandidateAtAHighTermDoesNotMakeTheHealthyLeaderLookCutOff() {
    var result = LeaderAgreement.decide(List.of(
        view("a", 1, 2, 1L, "Leader", true), view("b", 2, 2, 1L, "Follower", true),
        view("c", 3, 17, 0L, "Candidate", false)));
    assertThat(result.leader()).isEqualTo(new PeerId(1));
    assertThat(result.problems()).noneSatisfy(p -> assertThat(p.node()).isEqualTo("a"));
  }
}
