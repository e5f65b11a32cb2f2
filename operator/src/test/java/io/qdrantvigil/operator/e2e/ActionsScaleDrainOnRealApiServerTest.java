package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code scale} down on the real apiserver with the real kubectl and the simulated data plane: a
 * plain scale down is refused while the leaving pod hosts replicas; with {@code drain} the replicas
 * are moved off {@code qdrant-2} first, its peer removed and the StatefulSet shrunk, every shard
 * readable at every poll of the test, and no orphan peer left.
 */
class ActionsScaleDrainOnRealApiServerTest extends ActionsOnRealApiServerTest {

  private static final Duration DRAIN = Duration.ofSeconds(150);

  @Test
  void aPlainScaleDownIsRefusedWhileTheLeavingPodHostsReplicas() {
    healthySandbox(ClusterOptions.defaults());
    awaitStatus(s -> s.data() != null && "Healthy".equals(s.data().state()));

    annotate("scale=qdrant=2");

    ActionRecord record = awaitRecord("scale", "qdrant=2");
    assertThat(record.outcome()).as(record.toString()).isEqualTo("Refused");
    assertThat(record.message()).startsWith("scaling StatefulSet 'qdrant' down to 2 is refused: leaving pod qdrant-2"
        + " hosts 2 replica(s) (shard products/").endsWith("); add ';drain' to move them first, or ';force'");
    assertThat(statefulSet("qdrant").getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void drainMovesTheReplicasOffTheLeavingPodRemovesItsPeerAndShrinksTheStatefulSet() {
    healthySandbox(ClusterOptions.defaults());
    awaitStatus(s -> s.data() != null && "Healthy".equals(s.data().state()));
    String leaving = sandbox.cluster.node(2).peerId();
    List<String> unreadableSeen = new ArrayList<>();

    annotate("scale=qdrant=2;drain");

    ActionRecord record = awaitRecordAdvancingClock("scale", "qdrant=2;drain", DRAIN,
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
}
