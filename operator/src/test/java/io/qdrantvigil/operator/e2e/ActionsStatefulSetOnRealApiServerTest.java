package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code qdrantvigil.io/restart} and {@code qdrantvigil.io/scale} on the sandbox's StatefulSet: the
 * patch is the one {@code kubectl rollout restart} / {@code kubectl scale} would make, written by field
 * manager {@code qdrant-vigil}, and the StatefulSet controller then really replaces, adds and removes
 * pods and nodes.
 */
class ActionsStatefulSetOnRealApiServerTest extends ActionsOnRealApiServerTest {

  private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fields the operator's field manager owns in the StatefulSet, as the apiserver tracks them. */
  private JsonNode ownedByVigil(StatefulSet set) {
    ManagedFieldsEntry entry = set.getMetadata().getManagedFields().stream()
        .filter(e -> "qdrant-vigil".equals(e.getManager())).findFirst()
        .orElseThrow(() -> new AssertionError("no managedFields entry of qdrant-vigil: "
            + set.getMetadata().getManagedFields()));
    assertThat(entry.getOperation()).isEqualTo("Update");
    return JSON.valueToTree(entry.getFieldsV1());
  }

  @Test
  void restartSetsRestartedAtLikeKubectlRolloutRestartAndEveryPodIsReplaced() {
    healthySandbox(ClusterOptions.defaults());
    Map<String, String> uids = Map.of("qdrant-0", uid("qdrant-0"), "qdrant-1", uid("qdrant-1"),
        "qdrant-2", uid("qdrant-2"));
    Instant before = Instant.now().minusSeconds(1);

    annotate("restart=qdrant");

    ActionRecord record = awaitRecord("restart", "qdrant");
    assertThat(record.outcome()).isEqualTo("Succeeded");
    StatefulSet set = statefulSet("qdrant");
    String restartedAt = set.getSpec().getTemplate().getMetadata().getAnnotations().get(RESTARTED_AT);
    assertThat(restartedAt).isNotNull();
    assertThat(Instant.parse(restartedAt)).isBetween(before.minusSeconds(1), Instant.now());
    assertThat(record.message()).isEqualTo("StatefulSet qdrant restarting (" + RESTARTED_AT + "=" + restartedAt + ")");
    assertThat(ownedByVigil(set).at("/f:spec/f:template/f:metadata/f:annotations").has("f:" + RESTARTED_AT))
        .as("qdrant-vigil owns the template annotation").isTrue();
    awaitEvent("Normal", "ActionSucceeded", "restart 'qdrant': Succeeded");
    assertNoActionAnnotationLeft();

    // The rolling restart itself, as the real kubectl reports it, then every pod is a new one of the new template.
    kubectl("rollout", "status", "statefulset/qdrant", "--timeout=40s");
    await().atMost(WAIT).untilAsserted(() -> uids.forEach((name, oldUid) -> {
      Pod pod = pod(name);
      assertThat(pod).as(name).isNotNull();
      assertThat(pod.getMetadata().getUid()).as(name).isNotEqualTo(oldUid);
      assertThat(pod.getMetadata().getAnnotations()).as(name).containsEntry(RESTARTED_AT, restartedAt);
      assertThat(pod.getStatus().getPhase()).as(name).isEqualTo("Running");
    }));
    awaitStatusAdvancingClock(s -> QdrantClusterWatchStatus.HEALTHY.equals(s.clusterStatus()));
  }

  @Test
  void scaleUpAddsAJoiningNodeScaleDownRemovesItAndTheGuardsHold() {
    healthySandbox(ClusterOptions.defaults());
    Set<String> original = sandbox.cluster.nodes().stream().map(SimulatedNode::peerId).collect(Collectors.toSet());

    annotate("scale=qdrant=4");

    ActionRecord up = awaitRecord("scale", "qdrant=4");
    assertThat(up.outcome()).isEqualTo("Succeeded");
    assertThat(up.message()).isEqualTo("StatefulSet qdrant scaled from 3 to 4 replicas");
    StatefulSet set = statefulSet("qdrant");
    assertThat(set.getSpec().getReplicas()).isEqualTo(4);
    assertThat(ownedByVigil(set).at("/f:spec").has("f:replicas")).as("qdrant-vigil owns spec.replicas").isTrue();
    awaitEvent("Normal", "ActionSucceeded", "scale 'qdrant=4': Succeeded");
    assertNoActionAnnotationLeft();
    await().atMost(WAIT).until(() -> pod("qdrant-3") != null && "Running".equals(pod("qdrant-3").getStatus().getPhase())
        && sandbox.cluster.nodes().size() == 4);
    SimulatedNode joined = sandbox.cluster.node(3);
    assertThat(original).doesNotContain(joined.peerId());
    // The new node is promoted once the leader hears from it; the watch then sees four healthy nodes.
    QdrantClusterWatchStatus four = awaitStatusAdvancingClock(s -> s.nodes() != null && s.nodes().size() == 4
        && QdrantClusterWatchStatus.HEALTHY.equals(s.clusterStatus()));
    assertThat(four.healthyNodes()).isEqualTo("4/4");
    assertThat(four.nodes().get(3).peerId()).isEqualTo(joined.peerId());
    assertThat(sandbox.cluster.leader().orElseThrow().raft().peers()).contains(joined.peerId()).hasSize(4);

    annotate("scale=qdrant=3");

    ActionRecord down = awaitRecord("scale", "qdrant=3");
    assertThat(down.outcome()).isEqualTo("Succeeded");
    assertThat(down.message()).isEqualTo("StatefulSet qdrant scaled from 4 to 3 replicas");
    assertThat(statefulSet("qdrant").getSpec().getReplicas()).isEqualTo(3);
    await().atMost(WAIT).until(() -> pod("qdrant-3") == null && sandbox.cluster.nodes().size() == 3);

    // Down while the cluster is not Healthy: refused, nothing scaled.
    sandbox.cluster.node(2).setFault(Fault.STOPPED);
    QdrantClusterWatchStatus degraded = awaitStatus(s -> "Degraded".equals(s.clusterStatus()));
    String uid2 = uid("qdrant-2");

    annotate("scale=qdrant=2");

    ActionRecord refused = awaitRecord("scale", "qdrant=2");
    assertThat(refused.outcome()).isEqualTo("Refused");
    assertThat(refused.message()).isEqualTo("scaling StatefulSet 'qdrant' down from 3 to 2 while the cluster is "
        + degraded.clusterStatus() + " is refused; add ';force' to scale down anyway");
    awaitEvent("Warning", "ActionRefused", "scale 'qdrant=2': Refused");

    // Never to 0, not even with force.
    annotate("scale=qdrant=0;force");

    ActionRecord zero = awaitRecord("scale", "qdrant=0;force");
    assertThat(zero.outcome()).isEqualTo("Refused");
    assertThat(zero.message()).isEqualTo("scaling StatefulSet 'qdrant' to fewer than 1 replica is refused, even with force");
    assertThat(statefulSet("qdrant").getSpec().getReplicas()).isEqualTo(3);
    assertThat(uid("qdrant-2")).isEqualTo(uid2);
    assertThat(records("scale")).extracting(ActionRecord::request)
        .containsExactly("qdrant=0;force", "qdrant=2", "qdrant=3", "qdrant=4");
    assertThat(records("scale")).extracting(ActionRecord::outcome)
        .isEqualTo(List.of("Refused", "Refused", "Succeeded", "Succeeded"));
    assertNoActionAnnotationLeft();
  }
}
