package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.api.StatusWarning;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The README's "How to: the common procedures", each followed step by step as written, on the real
 * apiserver with the real kubectl and the simulated data plane: from the warning that calls for it,
 * a dry run first, then the request, its progress read the way the README reads it.
 */
class ReadmeProceduresOnRealApiServerTest extends ActionsOnRealApiServerTest {

  private static final Duration LONG = Duration.ofSeconds(150);

  @Test
  void restartTheClusterSafely() {
    healthySandbox(ClusterOptions.defaults());
    sandbox.cluster.setUpdateStream(true);

    annotate("restart=qdrant;safe;dry-run");
    assertThat(awaitRecord("restart", "qdrant;safe;dry-run").outcome()).isEqualTo("DryRun");

    annotate("restart=qdrant;safe");
    List<String> messages = new ArrayList<>();
    ActionRecord record = awaitRecordAdvancingClock("restart", "qdrant;safe", LONG, () -> {
      String message = kubectl("get", "qcw", WATCH, "-o", "jsonpath={.status.actions[0].message}").stdout();
      if (!messages.contains(message)) {
        messages.add(message);
      }
    });
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Succeeded");
    assertThat(messages).as("status.actions[0].message as the README follows it")
        .anySatisfy(m -> assertThat(m).startsWith("1/3 pods restarted ("))
        .anySatisfy(m -> assertThat(m).startsWith("3/3 pods restarted ("));
  }

  @Test
  void fixAnUnderReplicatedCollection() throws IOException {
    healthySandbox(ClusterOptions.defaults());
    awaitStatus(s -> s.data() != null && "Healthy".equals(s.data().state()));
    List<SimulatedNode> holders = nodes("products", 0, true);
    SimulatedNode lacking = nodes("products", 0, false).get(0);
    dropReplicaInQdrant(0, holders.get(1));
    awaitStatus(s -> warning(s, "UnderReplicated") != null);
    assertThat(warning(sandbox.status(WATCH), "UnderReplicated").message()).isEqualTo("collection products has"
        + " fewer readable replicas than its replication factor 2: shard 0 has 1");

    // From a peer with an Active replica to one without.
    String request = "products/0;from=" + pod(holders.get(0)) + ";to=" + pod(lacking);
    annotate("replicate-shard=" + request + ";dry-run");
    assertThat(awaitRecord("replicate-shard", request + ";dry-run").message())
        .isEqualTo("would replicate shard products/0 from " + pod(holders.get(0)) + " to " + pod(lacking));

    annotate("replicate-shard=" + request);
    ActionRecord record = awaitRecordAdvancingClock("replicate-shard", request, LONG, () -> { });
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Succeeded");
    QdrantClusterWatchStatus status = awaitStatusAdvancingClock(s -> warning(s, "UnderReplicated") == null
        && "Healthy".equals(s.data().state()));
    assertThat(status.data().readableReplicas()).isEqualTo("6/6");
  }

  @Test
  void drainAndRemoveANode() {
    healthySandbox(ClusterOptions.defaults());
    awaitStatus(s -> s.data() != null && "Healthy".equals(s.data().state()));
    String leaving = sandbox.cluster.node(2).peerId();

    annotate("scale=qdrant=2");
    ActionRecord plain = awaitRecord("scale", "qdrant=2");
    assertThat(plain.outcome()).isEqualTo("Refused");
    assertThat(plain.message()).startsWith("scaling StatefulSet 'qdrant' down to 2 is refused: leaving pod qdrant-2"
        + " hosts 2 replica(s) (shard products/").endsWith("); add ';drain' to move them first, or ';force'");
    assertThat(statefulSet("qdrant").getSpec().getReplicas()).isEqualTo(3);

    annotate("scale=qdrant=2;drain;dry-run");
    assertThat(awaitRecord("scale", "qdrant=2;drain;dry-run").outcome()).isEqualTo("DryRun");

    annotate("scale=qdrant=2;drain");
    List<String> unreadableSeen = new ArrayList<>();
    ActionRecord record = awaitRecordAdvancingClock("scale", "qdrant=2;drain", LONG,
        () -> unreadableSeen.addAll(unreadableShards()));
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Succeeded");
    assertThat(record.message()).startsWith("scaled StatefulSet qdrant down to 2");
    assertThat(unreadableSeen).as("shards unreadable at some poll of the test").isEmpty();
    assertThat(statefulSet("qdrant").getSpec().getReplicas()).isEqualTo(2);
    sandbox.cluster.replicaStates("products").values()
        .forEach(replicas -> assertThat(replicas).doesNotContainKey(leaving).hasSize(2));
    awaitEvent("Normal", "ActionStep", "peer " + leaving + " of qdrant-2 removed");
    QdrantClusterWatchStatus status = awaitStatusAdvancingClock(s -> "2/2".equals(s.healthyNodes())
        && s.data() != null && "Healthy".equals(s.data().state()));
    assertThat(status.clusterStatus()).isEqualTo("Healthy");
    assertThat(status.data().readableReplicas()).isEqualTo("6/6");
    assertThat(status.warnings() == null ? List.of() : status.warnings()).as("no warning left").isEmpty();
    assertThat(status.nodes()).extracting(n -> n.podName()).containsExactly("qdrant-0", "qdrant-1");
  }

  @Test
  void replaceALostNode() {
    healthySandbox(ClusterOptions.defaults());
    awaitStatus(s -> s.data() != null && "Healthy".equals(s.data().state()));
    sandbox.cluster.setUpdateStream(true);
    String lost = sandbox.cluster.node(2).peerId();
    // The node and its disk are gone the unsafe way: the StatefulSet shrunk under it, its peer left in Raft.
    client.apps().statefulSets().inNamespace(sandbox.namespace).withName("qdrant").scale(2);
    QdrantClusterWatchStatus orphaned = awaitStatusAdvancingClock(s -> warning(s, "OrphanPeer") != null);
    assertThat(warning(orphaned, "OrphanPeer").message()).contains("peer " + lost)
        .endsWith("qdrantvigil.io/remove-peer=" + lost + ";force");

    // Re-create the data elsewhere: each shard it held, from its surviving replica to the other node.
    sandbox.cluster.replicaStates("products").forEach((shard, replicas) -> {
      if (!replicas.containsKey(lost)) {
        return;
      }
      String from = replicas.keySet().stream().filter(p -> !p.equals(lost)).findFirst().orElseThrow();
      String to = sandbox.cluster.nodes().stream().map(SimulatedNode::peerId)
          .filter(p -> !replicas.containsKey(p)).findFirst().orElseThrow();
      String request = "products/" + shard + ";from=" + podOfPeer(from) + ";to=" + podOfPeer(to);
      annotate("replicate-shard=" + request);
      ActionRecord record = awaitRecordAdvancingClock("replicate-shard", request, LONG, () -> { });
      assertThat(record.outcome()).as(record.toString()).isEqualTo("Succeeded");
    });

    annotate("remove-peer=" + lost + ";force;dry-run");
    assertThat(awaitRecord("remove-peer", lost + ";force;dry-run").outcome()).isEqualTo("DryRun");
    annotate("remove-peer=" + lost + ";force");
    ActionRecord removal = awaitRecord("remove-peer", lost + ";force");
    assertThat(removal.outcome()).as(removal.toString()).isEqualTo("Succeeded");

    QdrantClusterWatchStatus status = awaitStatusAdvancingClock(s -> warning(s, "OrphanPeer") == null
        && s.data() != null && "Healthy".equals(s.data().state()));
    assertThat(status.data().readableReplicas()).isEqualTo("6/6");
    // What Qdrant keeps of the failed sends to the removed peer is all that is left, and it is stale.
    assertThat(status.warnings() == null ? List.<StatusWarning>of() : status.warnings())
        .allSatisfy(w -> assertThat(w.message()).as(w.type()).startsWith("stale entry"));
    sandbox.cluster.replicaStates("products").values()
        .forEach(replicas -> assertThat(replicas).doesNotContainKey(lost).hasSize(2));
  }

  private static StatusWarning warning(QdrantClusterWatchStatus status, String type) {
    return status.warnings() == null ? null
        : status.warnings().stream().filter(w -> type.equals(w.type())).findFirst().orElse(null);
  }

  private static String pod(SimulatedNode node) {
    return "qdrant-" + node.ordinal();
  }

  private String podOfPeer(String peerId) {
    return sandbox.cluster.nodes().stream().filter(n -> n.peerId().equals(peerId))
        .map(ReadmeProceduresOnRealApiServerTest::pod).findFirst().orElseThrow();
  }

  /** What left the collection under-replicated: Qdrant's own drop_replica, sent to a node as anyone could. */
  private void dropReplicaInQdrant(int shard, SimulatedNode holder) throws IOException {
    String body = "{\"drop_replica\":{\"shard_id\":" + shard + ",\"peer_id\":" + holder.peerId() + "}}";
    try (Response response = new OkHttpClient().newCall(new Request.Builder()
        .url(sandbox.cluster.node(0).url() + "/collections/products/cluster")
        .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
      assertThat(response.code()).as("drop_replica answered").isEqualTo(200);
    }
    await().atMost(WAIT).until(() -> !sandbox.cluster.replicaStates("products").get(shard)
        .containsKey(holder.peerId()));
  }
}
