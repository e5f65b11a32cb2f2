package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.ActionsSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.SimulatedNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the operator declines, and dry runs: each request ends Refused (or DryRun) with a message that
 * names the mistake, and nothing changes: not the pods (same uids), not the StatefulSets, not the
 * Raft membership, no request to Qdrant. Several annotations written by one {@code kubectl annotate}
 * are each taken and answered.
 */
class ActionsRefusedOnRealApiServerTest extends ActionsOnRealApiServerTest {

  /** What an action could have changed, to compare before and after. */
  private record World(Map<String, String> podUids, Map<String, Long> statefulSetGenerations,
      Map<String, Integer> replicas, Set<String> membership, int recoveries) {}

  private World world() {
    Map<String, String> uids = client.pods().inNamespace(sandbox.namespace).list().getItems().stream()
        .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getMetadata().getUid()));
    List<StatefulSet> sets = client.apps().statefulSets().inNamespace(sandbox.namespace).list().getItems();
    Map<String, Long> generations = sets.stream()
        .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s.getMetadata().getGeneration()));
    Map<String, Integer> replicas = sets.stream()
        .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s.getSpec().getReplicas()));
    Set<String> membership = sandbox.cluster.nodes().stream().flatMap(n -> n.raft().peers().stream())
        .collect(Collectors.toSet());
    int recoveries = sandbox.cluster.nodes().stream().mapToInt(n -> n.recoveryRequests().size()).sum();
    return new World(uids, generations, replicas, membership, recoveries);
  }

  /** Writes every pair with one kubectl annotate and returns each finished record, by action. */
  private Map<String, ActionRecord> annotateAndAwait(Map<String, String> requests) {
    annotate(requests.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    Map<String, ActionRecord> records = new LinkedHashMap<>();
    requests.forEach((action, value) -> records.put(action, awaitRecord(action, value)));
    return records;
  }

  private void assertRecord(ActionRecord record, String outcome, String message) {
    assertThat(record.outcome()).as(record.toString()).isEqualTo(outcome);
    assertThat(record.message()).as(record.toString()).isEqualTo(message);
  }

  @Test
  void targetsOutsideTheWatchAndUnknownActionsAreRefusedEvenWhenTheObjectsExistNextToIt() {
    healthySandbox(ClusterOptions.defaults());
    // A pod and a StatefulSet in the same namespace that the watch does not select.
    client.pods().inNamespace(sandbox.namespace).resource(new PodBuilder().withNewMetadata().withName("other-pod")
        .addToLabels("app", "other").endMetadata().withNewSpec().addNewContainer().withName("app")
        .withImage("nginx").endContainer().endSpec().build()).create();
    client.apps().statefulSets().inNamespace(sandbox.namespace).resource(new StatefulSetBuilder().withNewMetadata()
        .withName("other").endMetadata().withNewSpec().withReplicas(1).withServiceName("other")
        .withNewSelector().addToMatchLabels("app", "other").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "other").endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("nginx").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
    World before = world();

    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("delete-pod", "other-pod;force");
    requests.put("restart", "other");
    requests.put("scale", "other=5");
    requests.put("remove-peer", "12345;force");
    requests.put("recover", "other-pod;collection=products;url=http://snapshots.example/p.snapshot");
    requests.put("frobnicate", "yes");
    Map<String, ActionRecord> records = annotateAndAwait(requests);

    assertRecord(records.get("delete-pod"), "Refused",
        "pod 'other-pod' is not a pod of this watch (pods: qdrant-0, qdrant-1, qdrant-2)");
    assertRecord(records.get("restart"), "Refused", "StatefulSet 'other' owns none of this watch's pods");
    assertRecord(records.get("scale"), "Refused", "StatefulSet 'other' owns none of this watch's pods");
    assertRecord(records.get("remove-peer"), "Refused", "peer 12345 is not in this cluster's membership");
    assertRecord(records.get("recover"), "Refused",
        "'other-pod' is neither a pod of this watch nor the peer id of one of its nodes");
    assertRecord(records.get("frobnicate"), "Refused",
        "unknown action 'frobnicate' (known: "
            + "remove-peer, delete-pod, restart, scale, recover, move-shard, replicate-shard, abort-transfer, "
            + "drop-replica, cancel, poll)");
    assertThat(world()).isEqualTo(before);
    Pod other = pod("other-pod");
    assertThat(other.getMetadata().getDeletionTimestamp()).isNull();
    assertThat(statefulSet("other").getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
    awaitEvent("Warning", "ActionRefused", "frobnicate 'yes': Refused: unknown action 'frobnicate'");
    awaitEvent("Warning", "ActionRefused", "delete-pod 'other-pod;force': Refused");
    assertNoActionAnnotationLeft();
  }

  @Test
  void malformedValuesAreRefusedWithTheMistakeNamed() {
    healthySandbox(ClusterOptions.defaults());
    World before = world();

    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("scale", "qdrant=abc");
    requests.put("delete-pod", "qdrant-1;frce");
    // Not "qdrant-1;url=...": a value that does not parse is recorded as "qdrant-1;url=***".
    requests.put("recover", "qdrant-1;priority=snapshot");
    requests.put("remove-peer", "Qdrant_1");
    requests.put("restart", "qdrant;force");
    Map<String, ActionRecord> records = annotateAndAwait(requests);

    assertRecord(records.get("scale"), "Refused", "malformed value: replicas 'abc' is not a whole number");
    assertRecord(records.get("delete-pod"), "Refused",
        "malformed value: unknown option 'frce' for delete-pod (allowed: dry-run, force)");
    assertRecord(records.get("recover"), "Refused", "malformed value: missing collection=NAME");
    assertRecord(records.get("remove-peer"), "Refused",
        "malformed value: 'Qdrant_1' is neither a peer id (an unsigned 64-bit integer) nor a pod name");
    assertRecord(records.get("restart"), "Refused",
        "malformed value: unknown option 'force' for restart (allowed: dry-run, safe)");
    assertThat(world()).isEqualTo(before);
    assertThat(statefulSet("qdrant").getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
    awaitEvent("Warning", "ActionRefused", "scale 'qdrant=abc': Refused: malformed value: replicas 'abc'");
    assertNoActionAnnotationLeft();
  }

  @Test
  void aReadOnlyWatchRefusesEveryAction() {
    healthySandbox(ClusterOptions.defaults(),
        new QdrantClusterWatchSpec(null, null, null, "5s", "2s", null, null, new ActionsSpec(false)));
    World before = world();

    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("delete-pod", "qdrant-1;force");
    requests.put("restart", "qdrant");
    requests.put("scale", "qdrant=4");
    Map<String, ActionRecord> records = annotateAndAwait(requests);

    records.values().forEach(r -> assertRecord(r, "Refused",
        "the watch is read-only (spec.actions.enabled: false); nothing was done"));
    assertThat(world()).isEqualTo(before);
    assertThat(statefulSet("qdrant").getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
    awaitEvent("Warning", "ActionRefused", "delete-pod 'qdrant-1;force': Refused: the watch is read-only");
    assertNoActionAnnotationLeft();
  }

  @Test
  void aDryRunSaysWhatItWouldDoAndDoesNothing() {
    healthySandbox(ClusterOptions.defaults());
    SimulatedNode leader = sandbox.cluster.leader().orElseThrow();
    String peer = sandbox.cluster.node(2).peerId();
    World before = world();

    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("delete-pod", "qdrant-1;force;dry-run");
    requests.put("restart", "qdrant;dry-run");
    requests.put("scale", "qdrant=5;dry-run");
    requests.put("remove-peer", peer + ";force;dry-run");
    requests.put("recover", "qdrant-1;collection=products;url=http://snapshots.example/p.snapshot;dry-run");
    Map<String, ActionRecord> records = annotateAndAwait(requests);

    assertRecord(records.get("delete-pod"), "DryRun", "would delete pod qdrant-1 with grace period 0");
    assertRecord(records.get("restart"), "DryRun", "would restart StatefulSet qdrant (rolling)");
    assertRecord(records.get("scale"), "DryRun", "would scale StatefulSet qdrant from 3 to 5 replicas");
    assertRecord(records.get("remove-peer"), "DryRun",
        "would remove peer " + peer + " with force through node qdrant-" + leader.ordinal());
    assertRecord(records.get("recover"), "DryRun",
        "would recover collection products on qdrant-1 from http://snapshots.example/p.snapshot");
    assertThat(world()).isEqualTo(before);
    assertThat(statefulSet("qdrant").getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
    awaitEvent("Normal", "ActionDryRun", "scale 'qdrant=5;dry-run': DryRun");

    // A dry run of what the guards would refuse says so: Refused, not DryRun.
    annotate("scale=qdrant=0;dry-run");
    assertRecord(awaitRecord("scale", "qdrant=0;dry-run"), "Refused",
        "scaling StatefulSet 'qdrant' to fewer than 1 replica is refused, even with force");
    assertThat(world()).isEqualTo(before);
    assertNoActionAnnotationLeft();
  }
}
