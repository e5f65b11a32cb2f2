package io.qdrantvigil.operator.data;

import static io.qdrantvigil.operator.data.Placements.P0;
import static io.qdrantvigil.operator.data.Placements.P1;
import static io.qdrantvigil.operator.data.Placements.P2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrantvigil.operator.QdrantExamples;
import io.qdrantvigil.operator.qdrant.InvalidResponseException;
import io.qdrantvigil.operator.qdrant.PeerId;
import org.junit.jupiter.api.Test;

class DataParsersTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void telemetryGivesEveryShardsReplicasAndWhichPeersAnswered() {
    DataView view = Placements.telemetry("cluster-telemetry-level3-healthy.json");
    assertThat(view.via()).isEqualTo(DataView.TELEMETRY);
    assertThat(view.collections()).extracting(CollectionPlacement::name).containsExactly("products", "users");
    CollectionPlacement products = view.collection("products").orElseThrow();
    assertThat(products.shards()).extracting(Shard::id).containsExactly(0L, 1L, 2L);
    assertThat(products.shards().get(1).replicas()).containsExactly(new Replica(P2, "Active"), new Replica(P1, "Active"));
    assertThat(products.replicaCount()).isEqualTo(6);
    assertThat(products.transfers()).isEmpty();
    assertThat(view.responsive()).containsEntry(P0, true).containsEntry(P1, true).containsEntry(P2, true);
  }

  @Test
  void degradedTelemetryHasTheTransferWithItsCommentAndTheUnresponsivePeer() {
    DataView view = Placements.telemetry("cluster-telemetry-level3-degraded.json");
    CollectionPlacement products = view.collection("products").orElseThrow();
    assertThat(products.shards().get(1).replicas())
        .containsExactly(new Replica(P2, "Dead"), new Replica(P0, "Partial"), new Replica(P1, "Active"));
    Transfer transfer = products.transfers().get(0);
    assertThat(transfer).isEqualTo(new Transfer(1, P1, P0, true, "stream_records",
        "transferring (6.31s) | Transferring records (2300/4001), ETA: 4.67s"));
    assertThat(transfer.progressMark()).isEqualTo("transferring | Transferring records (2300/4001)");
    assertThat(view.responsive()).containsEntry(P2, false);
    assertThat(view.collection("users").orElseThrow().shards().get(0).replicas()).containsExactly(new Replica(P2, "Active"));
  }

  @Test
  void perCollectionAnswerFromTheTransferSourceMatchesTheTelemetryOfTheSameMoment() {
    CollectionPlacement fromPeer1 = CollectionClusterParser.parse("products",
        QdrantExamples.json("collection-cluster-with-transfer.json"));
    CollectionPlacement telemetry = Placements.telemetry("cluster-telemetry-level3-degraded.json")
        .collection("products").orElseThrow();
    assertThat(fromPeer1.shards()).isEqualTo(telemetry.shards());
    assertThat(fromPeer1.transfers().get(0).progressMark()).isEqualTo("transferring | Transferring records (2700/4001)");
  }

  @Test
  void perCollectionAnswerPutsLocalShardsOnTheAnsweringPeer() {
    CollectionPlacement placement = CollectionClusterParser.parse("products", QdrantExamples.json("collection-cluster.json"));
    assertThat(placement.shards().get(0).replicas()).containsExactly(new Replica(P0, "Active"), new Replica(P1, "Active"));
    assertThat(placement.shards().get(2).replicas()).containsExactly(new Replica(P2, "Partial"), new Replica(P0, "Active"));
    assertThat(placement.transfers()).extracting(Transfer::to).containsExactly(P2);
  }

  @Test
  void collectionNamesComeFromTheCollectionsList() {
    assertThat(CollectionNames.of(QdrantExamples.json("collections.json"))).containsExactly("documents", "products");
    assertThat(CollectionNames.of(QdrantExamples.json("collection-not-found.json"))).isEmpty();
  }

  @Test
  void replicationFactorComesFromTheCollectionsConfig() {
    assertThat(ReplicationFactorParser.parse(QdrantExamples.json("collection-info.json"))).isEqualTo(2);
    assertThatThrownBy(() -> ReplicationFactorParser.parse(QdrantExamples.json("collection-not-found.json")))
        .isInstanceOf(InvalidResponseException.class);
  }

  @Test
  void peerIdsAbove2To63SurviveExactly() throws Exception {
    JsonNode body = MAPPER.readTree("""
        {"result":{"peer_id":17870283321406128000,"shard_count":1,
          "local_shards":[{"shard_id":0,"points_count":1,"state":"Active"}],
          "remote_shards":[{"shard_id":0,"peer_id":9007199254740993,"state":"Dead"}],
          "shard_transfers":[{"shard_id":0,"from":17870283321406128000,"to":9007199254740993,"sync":true}]},
         "status":"ok","time":0.0}""");
    CollectionPlacement placement = CollectionClusterParser.parse("c", body);
    assertThat(placement.shards().get(0).replicas()).extracting(r -> r.peer().toString())
        .containsExactly("9007199254740993", "17870283321406128000");
    assertThat(placement.transfers().get(0).from()).isEqualTo(PeerId.parse("17870283321406128000"));
    assertThat(placement.transfers().get(0).method()).isNull();
  }

  @Test
  void hugeTextsFromANodeAreCut() throws Exception {
    String longName = "x".repeat(5000);
    JsonNode body = MAPPER.readTree("{\"result\":{\"collections\":{\"" + longName + "\":{\"id\":\"" + longName
        + "\",\"shards\":[{\"id\":0,\"replicas\":[{\"peer_id\":1,\"state\":\"" + "S".repeat(5000) + "\"}]}],"
        + "\"shard_transfers\":[{\"shard_id\":0,\"from\":1,\"to\":2,\"sync\":false,\"method\":\"" + "m".repeat(900)
        + "\",\"comment\":\"" + "c".repeat(90000) + "\"}]}}},\"status\":\"ok\",\"time\":0.1}");
    CollectionPlacement c = TelemetryViewParser.parse(body, "n", Placements.T0).collections().get(0);
    assertThat(c.name()).hasSize(300);
    assertThat(c.shards().get(0).replicas().get(0).state()).hasSize(300);
    assertThat(c.transfers().get(0).comment()).hasSize(300);
    assertThat(c.transfers().get(0).method()).hasSize(300);
  }

  @Test
  void aShapeThatIsNotQdrantsIsAnInvalidResponse() throws Exception {
    assertThatThrownBy(() -> TelemetryViewParser.parse(MAPPER.readTree("{\"result\":{}}"), "n", Placements.T0))
        .isInstanceOf(InvalidResponseException.class);
    assertThatThrownBy(() -> TelemetryViewParser.parse(MAPPER.readTree(
        "{\"result\":{\"collections\":{\"c\":{\"shards\":[{\"id\":0,\"replicas\":[{\"peer_id\":1.5,\"state\":\"Active\"}]}]}}}}"),
        "n", Placements.T0)).isInstanceOf(InvalidResponseException.class);
  }
}
