package io.qdrantvigil.operator.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrantvigil.operator.QdrantExamples;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterResponseParserTest {

  @Test
  void readsALeader() {
    ClusterInfo info = ClusterResponseParser.parse(QdrantExamples.json("cluster-leader.json"));
    assertThat(info.raft().claimsLeadership()).isTrue();
    assertThat(info.raft().leader()).isEqualTo(info.peerId());
    assertThat(info.membership()).hasSize(info.peers().size());
    assertThat(info.consensus().state()).isEqualTo("working");
    assertThat(info.ownPeerUri()).endsWith(":6335/");
  }

  @Test
  void readsWhetherTheNodeIsAVoterALearnerOrTooOldToSay() throws Exception {
    assertThat(ClusterResponseParser.parse(QdrantExamples.json("cluster-leader.json")).raft().voter()).isTrue();
    String learner = "{\"result\":{\"status\":\"enabled\",\"peer_id\":7,\"peers\":{},\"raft_info\":"
        + "{\"term\":2,\"commit\":5,\"pending_operations\":0,\"leader\":8,\"role\":\"Follower\",\"is_voter\":false},"
        + "\"consensus_thread_status\":{\"consensus_thread_status\":\"working\"},\"message_send_failures\":{}}}";
    assertThat(ClusterResponseParser.parse(new ObjectMapper().readTree(learner)).raft().voter()).isFalse();
    String old = learner.replace(",\"is_voter\":false", "");
    assertThat(ClusterResponseParser.parse(new ObjectMapper().readTree(old)).raft().voter()).isTrue();
  }

  @Test
  void peerIdsAbove2To63SurviveExactly() {
    ClusterInfo info = ClusterResponseParser.parse(QdrantExamples.json("cluster-legacy-large-peer-ids.json"));
    assertThat(info.peerId().toString()).isEqualTo("17870283321406128000");
    assertThat(info.raft().leader().toString()).isEqualTo("17870283321406128000");
    assertThat(info.peers().keySet()).extracting(PeerId::toString)
        .contains("9223372036854775809", "9007199254740993");
  }

  @Test
  void theLargestUnsignedIdRoundTrips() throws Exception {
    var body = new ObjectMapper().readTree("{\"result\":{\"status\":\"enabled\",\"peer_id\":18446744073709551615,"
        + "\"peers\":{},\"raft_info\":{\"term\":1,\"commit\":1,\"pending_operations\":0,\"leader\":0,"
        + "\"role\":\"Candidate\"},\"consensus_thread_status\":{\"consensus_thread_status\":\"working\","
        + "\"last_update\":\"2026-08-04T12:30:15Z\"},\"message_send_failures\":{}}}");
    ClusterInfo info = ClusterResponseParser.parse(body);
    assertThat(info.peerId().toString()).isEqualTo("18446744073709551615");
    assertThat(info.raft().knowsLeader()).isFalse();
  }

  @Test
  void justStartedNodeKnowsNoLeader() {
    ClusterInfo info = ClusterResponseParser.parse(QdrantExamples.json("cluster-just-started-no-soft-state.json"));
    assertThat(info.raft().leader()).isNull();
    assertThat(info.raft().role()).isNull();
    assertThat(info.raft().knowsLeader()).isFalse();
  }

  @Test
  void candidateWithLeaderZeroKnowsNoLeader() {
    ClusterInfo info = ClusterResponseParser.parse(QdrantExamples.json("cluster-no-leader-candidate.json"));
    assertThat(info.raft().leader().isNone()).isTrue();
    assertThat(info.raft().knowsLeader()).isFalse();
  }

  @Test
  void readsSendFailuresAndStoppedWithError() {
    ClusterInfo failures = ClusterResponseParser.parse(QdrantExamples.json("cluster-leader-with-dead-peer.json"));
    ClusterInfo.SendFailure failure = failures.messageSendFailures().get("http://qdrant-2.qdrant-headless:6335/");
    assertThat(failure.count()).isEqualTo(57);
    assertThat(failure.latestErrorTimestamp()).isEqualTo(Instant.parse("2026-08-04T12:35:20.118305742Z"));

    ClusterInfo stopped = ClusterResponseParser.parse(QdrantExamples.json("cluster-consensus-stopped-with-error.json"));
    assertThat(stopped.consensus().stopped()).isTrue();
    assertThat(stopped.consensus().lastUpdate()).isNull();
    assertThat(stopped.consensus().error()).contains("No space left on device");
  }

  @Test
  void disabledClusterIsNull() {
    assertThat(ClusterResponseParser.parse(QdrantExamples.json("cluster-disabled.json"))).isNull();
  }

  @Test
  void rejectsAStringPeerIdAndAMissingOne() throws Exception {
    var mapper = new ObjectMapper();
    assertThatThrownBy(() -> ClusterResponseParser.parse(mapper.readTree(
        "{\"result\":{\"status\":\"enabled\",\"peer_id\":\"12\"}}")))
        .isInstanceOf(InvalidResponseException.class).hasMessageContaining("peer_id");
    assertThatThrownBy(() -> ClusterResponseParser.parse(mapper.readTree("{\"result\":{\"status\":\"enabled\"}}")))
        .isInstanceOf(InvalidResponseException.class).hasMessageContaining("no peer_id");
    assertThatThrownBy(() -> ClusterResponseParser.parse(mapper.readTree("{\"status\":\"ok\"}")))
        .isInstanceOf(InvalidResponseException.class);
  }

  @Test
  void peerIdOrderIsUnsigned() {
    assertThat(PeerId.parse("9223372036854775809").compareTo(PeerId.parse("9007199254740993"))).isPositive();
    assertThatThrownBy(() -> PeerId.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeerId.parse("18446744073709551616")).isInstanceOf(IllegalArgumentException.class);
  }
}
