package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.kube.Kubectl;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.RecoveryRequest;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each action annotated with the real kubectl, and its real effect on the sandbox's cluster. */
class AnnotationActionsEndToEndTest extends OperatorOnRealApiServer {

  private Kubectl.Result kubectl(String... args) {
    String[] withNamespace = new String[args.length + 2];
    System.arraycopy(args, 0, withNamespace, 0, args.length);
    withNamespace[args.length] = "-n";
    withNamespace[args.length + 1] = sandbox.namespace;
    Kubectl.Result result = server.kubectl().run(withNamespace);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result;
  }

  private void annotate(String action, String value) {
    kubectl("annotate", "qcw", "prod", "--overwrite", "qdrantvigil.io/" + action + "=" + value);
  }

  /** The newest finished record of {@code action}, once there is one. */
  private ActionRecord awaitOutcome(String action) {
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> s.actions() != null && s.actions().stream()
        .anyMatch(r -> r.action().equals(action) && !"Running".equals(r.outcome())));
    return status.actions().stream().filter(r -> r.action().equals(action) && !"Running".equals(r.outcome()))
        .findFirst().orElseThrow();
  }

  private Map<String, String> annotations() {
    Map<String, String> annotations = sandbox.watch("prod").getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  private Pod pod(String name) {
    return client.pods().inNamespace(sandbox.namespace).withName(name).get();
  }

  private StatefulSet statefulSet() {
    return client.apps().statefulSets().inNamespace(sandbox.namespace).withName("qdrant").get();
  }

  @Test
  void deletePodDeletesItAndItsStatefulSetBringsItBack() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    String uid = pod("qdrant-1").getMetadata().getUid();
    annotate("delete-pod", "qdrant-1;force");
    ActionRecord record = awaitOutcome("delete-pod");
    assertThat(record.outcome()).isEqualTo("Succeeded");
    assertThat(record.request()).isEqualTo("qdrant-1;force");
    assertThat(annotations()).doesNotContainKey("qdrantvigil.io/delete-pod");
    await().atMost(WAIT).until(() -> pod("qdrant-1") != null && !uid.equals(pod("qdrant-1").getMetadata().getUid()));
    awaitStatus("prod", s -> "Healthy".equals(s.clusterStatus()));
    assertThat(client.v1().events().inNamespace(sandbox.namespace).list().getItems())
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("ActionSucceeded"));
  }

  @Test
  void deletingAHealthyPodThatWouldBreakTheMajorityIsRefused() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    SimulatedNode down = sandbox.cluster.nodes().stream()
        .filter(n -> !n.peerId().equals(sandbox.cluster.leaderPeerId().orElseThrow())).findFirst().orElseThrow();
    down.setFault(Fault.STOPPED);
    awaitStatus("prod", s -> "Degraded".equals(s.clusterStatus()));
    String healthy = down.ordinal() == 0 ? "qdrant-1" : "qdrant-0";
    String uid = pod(healthy).getMetadata().getUid();
    annotate("delete-pod", healthy);
    ActionRecord record = awaitOutcome("delete-pod");
    assertThat(record.outcome()).isEqualTo("Refused");
    assertThat(record.message()).containsIgnoringCase("majority");
    assertThat(pod(healthy).getMetadata().getUid()).isEqualTo(uid);
  }

  @Test
  void restartSetsRestartedAtAsOurFieldManagerAndThePodsAreReplaced() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    String uid = pod("qdrant-2").getMetadata().getUid();
    annotate("restart", "qdrant");
    assertThat(awaitOutcome("restart").outcome()).isEqualTo("Succeeded");
    StatefulSet set = statefulSet();
    assertThat(set.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("kubectl.kubernetes.io/restartedAt");
    assertThat(set.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .contains("qdrant-vigil");
    await().atMost(WAIT).until(() -> pod("qdrant-2") != null && !uid.equals(pod("qdrant-2").getMetadata().getUid()));
  }

  @Test
  void scaleChangesReplicasAndANewNodeJoinsButZeroIsAlwaysRefused() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    annotate("scale", "qdrant=4");
    assertThat(awaitOutcome("scale").outcome()).isEqualTo("Succeeded");
    assertThat(statefulSet().getSpec().getReplicas()).isEqualTo(4);
    await().atMost(WAIT).until(() -> sandbox.cluster.nodes().size() == 4 && pod("qdrant-3") != null);

    annotate("scale", "qdrant=0;force");
    QdrantClusterWatchStatus status = awaitStatus("prod", s -> s.actions().get(0).request().equals("qdrant=0;force")
        && !"Running".equals(s.actions().get(0).outcome()));
    assertThat(status.actions().get(0).outcome()).isEqualTo("Refused");
    assertThat(statefulSet().getSpec().getReplicas()).isEqualTo(4);
  }

  @Test
  void removePeerPassesQdrantsRefusalThroughAndForceRemovesThePeerEverywhere() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    SimulatedNode victim = sandbox.cluster.nodes().stream()
        .filter(n -> !n.peerId().equals(sandbox.cluster.leaderPeerId().orElseThrow())).findFirst().orElseThrow();
    victim.setFault(Fault.STOPPED);
    annotate("remove-peer", victim.peerId());
    ActionRecord refused = awaitOutcome("remove-peer");
    assertThat(refused.outcome()).isEqualTo("Failed");
    assertThat(refused.message()).contains("Cannot remove peer " + victim.peerId() + " as there are shards on it");

    annotate("remove-peer", victim.peerId() + ";force");
    await().atMost(WAIT).until(() -> {
      QdrantClusterWatchStatus s = sandbox.status("prod");
      return s.actions().get(0).request().endsWith(";force") && "Succeeded".equals(s.actions().get(0).outcome());
    });
    assertThat(sandbox.cluster.nodes()).filteredOn(SimulatedNode::isRunning)
        .allSatisfy(n -> assertThat(n.raft().peers()).doesNotContain(victim.peerId()));
  }

  @Test
  void recoverSendsTheSnapshotToThatNodeAndKeepsTheUrlsCredentialsOutOfEverything() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    String location = "http://user:pw-s3cret@snapshots.example/products.snapshot";
    sandbox.cluster.publishSnapshot(location, null);
    annotate("recover", "qdrant-1;collection=products;url=" + location + ";priority=snapshot");
    ActionRecord record = awaitOutcome("recover");
    assertThat(record.outcome()).isEqualTo("Succeeded");
    assertThat(record.request()).contains("***").doesNotContain("pw-s3cret");
    List<RecoveryRequest> received = sandbox.cluster.node(1).recoveryRequests();
    assertThat(received).singleElement().satisfies(r -> {
      assertThat(r.collection()).isEqualTo("products");
      assertThat(r.location()).isEqualTo(location);
      assertThat(r.priority()).isEqualTo("snapshot");
    });
    assertThat(sandbox.cluster.node(0).recoveryRequests()).isEmpty();
    assertThat(kubectl("get", "qcw", "prod", "-o", "yaml").stdout()).doesNotContain("pw-s3cret");
    assertThat(kubectl("get", "events", "-o", "yaml").stdout()).doesNotContain("pw-s3cret");
  }

  @Test
  void malformedOutsideAndDryRunRequestsChangeNothing() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    annotate("scale", "qdrant=abc");
    assertThat(awaitOutcome("scale")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo("Refused");
      assertThat(r.message()).contains("abc");
    });
    annotate("delete-pod", "some-other-pod");
    assertThat(awaitOutcome("delete-pod")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo("Refused");
      assertThat(r.message()).contains("some-other-pod");
    });
    String uid = pod("qdrant-0").getMetadata().getUid();
    annotate("restart", "qdrant;dry-run");
    assertThat(awaitOutcome("restart").outcome()).isEqualTo("DryRun");
    assertThat(statefulSet().getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainKey("kubectl.kubernetes.io/restartedAt");
    assertThat(pod("qdrant-0").getMetadata().getUid()).isEqualTo(uid);
  }

  @Test
  void anAnnotationThatCameThroughKubectlApplyIsRefusedOnceAndLeftInPlace() {
    healthySandbox(ClusterOptions.defaults(), "5s", "2s");
    String manifest = """
        apiVersion: qdrantvigil.io/v1alpha1
        kind: QdrantClusterWatch
        metadata:
          name: prod
          annotations:
            qdrantvigil.io/delete-pod: qdrant-1
        spec:
          interval: 5s
          timeout: 2s
        """;
    String uid = pod("qdrant-1").getMetadata().getUid();
    Kubectl.Result applied = server.kubectl().runWithInput(manifest, "apply", "-f", "-", "-n", sandbox.namespace);
    assertThat(applied.exitCode()).as(applied.toString()).isZero();
    ActionRecord record = awaitOutcome("delete-pod");
    assertThat(record.outcome()).isEqualTo("Refused");
    assertThat(record.message()).contains("imperative");
    assertThat(annotations()).containsEntry("qdrantvigil.io/delete-pod", "qdrant-1");
    assertThat(pod("qdrant-1").getMetadata().getUid()).isEqualTo(uid);

    Kubectl.Result again = server.kubectl().runWithInput(manifest, "apply", "-f", "-", "-n", sandbox.namespace);
    assertThat(again.exitCode()).as(again.toString()).isZero();
    annotate("poll", "now");
    awaitOutcome("poll");
    assertThat(sandbox.status("prod").actions()).filteredOn(r -> r.action().equals("delete-pod")).hasSize(1);
  }
}
