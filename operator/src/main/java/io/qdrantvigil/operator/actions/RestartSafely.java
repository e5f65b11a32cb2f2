package io.qdrantvigil.operator.actions;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.discovery.PodFacts;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.health.NodeAssessment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code restart;safe}: the StatefulSet's pods one at a time, those whose node is failing first,
 * then the followers from the highest ordinal down, the Raft leader last. Before each pod the
 * guards of {@code delete-pod} must hold; the pod is evicted; then it waits until the pod is back
 * and Ready (seen at an earlier intake, so the poll judged the new pod), its node healthy, a leader
 * agreed, the data view read, every shard readable and no replica on the node Dead, Partial or
 * Recovery. A guard that fails, a refused eviction or a step past {@code stepTimeout} ends it
 * Failed, naming the pod and what it waited for. A step once done is never done again.
 */
final class RestartSafely extends MultiStepAction {

  static final String NAME = "restart;safe";
  private static final List<String> NOT_RECOVERED = List.of("Dead", "Partial", "Recovery");

  private final KubernetesClient client;
  private final PodEviction evictions;
  private final String namespace;
  private final List<String> order;
  private final Duration stepTimeout;
  private final List<String> restarted = new ArrayList<>();
  /** The pod being waited for, its uid before the eviction, when it was evicted, when seen Ready again. */
  private String waitingFor;
  private String oldUid;
  private Instant evictedAt;
  private boolean readySeen;

  RestartSafely(KubernetesClient client, PodEviction evictions, String namespace, List<String> order,
      Duration stepTimeout) {
    super(NAME);
    this.client = client;
    this.evictions = evictions;
    this.namespace = namespace;
    this.order = List.copyOf(order);
    this.stepTimeout = stepTimeout;
  }

  /** Failing nodes first, then followers from the highest ordinal down, the leader last. */
  static List<String> order(String statefulSet, ClusterAssessment assessment) {
    Comparator<NodeAssessment> highestOrdinalFirst =
        Comparator.comparingInt((NodeAssessment n) -> ordinal(n.findings().target().pod())).reversed();
    return assessment.nodes().stream()
        .filter(n -> n.findings().target().pod() != null
            && statefulSet.equals(n.findings().target().pod().statefulSet()))
        .sorted(Comparator.<NodeAssessment>comparingInt(n -> n.failing() ? 0 : n.leader() ? 2 : 1)
            .thenComparing(highestOrdinalFirst))
        .map(n -> n.findings().target().pod().name())
        .toList();
  }

  @Override
  public Advance advance(ClusterAssessment assessment, DataPlacement placement, Instant now) {
    List<String> steps = new ArrayList<>();
    if (waitingFor != null) {
      Optional<String> missing = missing(assessment, placement);
      if (missing.isPresent()) {
        if (Duration.between(evictedAt, now).compareTo(stepTimeout) > 0) {
          return Advance.ended(ActionOutcome.failed(waitingFor + " did not recover within " + stepTimeout
              .toString().substring(2).toLowerCase() + " (waiting for " + missing.get() + "); " + done()), steps);
        }
        return Advance.going(done() + "; waiting for " + waitingFor + ": " + missing.get(), steps);
      }
      restarted.add(waitingFor);
      steps.add(waitingFor + " restarted and recovered (" + restarted.size() + "/" + order.size() + ")");
      waitingFor = null;
    }
    if (restarted.size() == order.size()) {
      return Advance.ended(ActionOutcome.succeeded(done() + ", the leader last"), steps);
    }
    if (cancelled()) {
      return Advance.ended(ActionOutcome.cancelled("cancelled: " + done()), steps);
    }
    String pod = order.get(restarted.size());
    Optional<NodeAssessment> node = node(assessment, pod);
    if (node.isEmpty()) {
      return Advance.ended(ActionOutcome.failed("stopped before " + pod + ": it is no longer a pod of this watch; "
          + done()), steps);
    }
    try {
      new QuorumGuard(assessment, new ClusterScope(assessment).membership()).disrupt(node.get(), "evicting " + pod);
      DataGuard.disrupt(placement, node.get().peerId(), pod, "evicting " + pod);
    } catch (ActionRefused refused) {
      return Advance.ended(ActionOutcome.failed("stopped before " + pod + ": " + refused.getMessage() + "; "
          + done()), steps);
    }
    Pod before = client.pods().inNamespace(namespace).withName(pod).get();
    PodEviction.Result eviction = evictions.evict(namespace, pod);
    if (eviction.kind() != PodEviction.Result.Kind.EVICTED) {
      return Advance.ended(ActionOutcome.failed("stopped at " + pod + ": the eviction was refused: "
          + eviction.message() + "; " + done()), steps);
    }
    waitingFor = pod;
    oldUid = before == null ? null : before.getMetadata().getUid();
    evictedAt = now;
    readySeen = false;
    steps.add("evicted " + pod + " (" + (restarted.size() + 1) + "/" + order.size() + ")");
    return Advance.going(done() + "; waiting for " + pod + ": the pod to come back", steps);
  }

  /** What the pod waited for still lacks, first unmet condition first; empty when it has recovered. */
  private Optional<String> missing(ClusterAssessment assessment, DataPlacement placement) {
    Pod pod = client.pods().inNamespace(namespace).withName(waitingFor).get();
    if (pod == null || pod.getMetadata().getUid().equals(oldUid) || pod.getMetadata().getDeletionTimestamp() != null) {
      return Optional.of("the pod to come back");
    }
    if (!ready(pod)) {
      readySeen = false;
      return Optional.of("the pod to be Ready");
    }
    if (!readySeen) {
      // The poll just done may have started before the new pod was Ready: judge the next one.
      readySeen = true;
      return Optional.of("a poll of the new pod");
    }
    Optional<NodeAssessment> node = node(assessment, waitingFor);
    if (node.isEmpty() || node.get().failing()) {
      return Optional.of("its node to be healthy" + node.map(n -> " (" + n.errorType() + ")").orElse(""));
    }
    if (assessment.leader() == null) {
      return Optional.of("a leader agreed by the healthy nodes");
    }
    if (!placement.known()) {
      return Optional.of("the data view to be read");
    }
    List<DataPlacement.ShardRef> unreadable = placement.unreadableShards();
    if (!unreadable.isEmpty()) {
      return Optional.of("shard " + unreadable.get(0) + " to be readable");
    }
    if (node.get().peerId() != null) {
      Optional<DataPlacement.PlacedReplica> recovering = placement.replicasOn(node.get().peerId()).stream()
          .filter(r -> NOT_RECOVERED.contains(r.state())).findFirst();
      if (recovering.isPresent()) {
        return Optional.of("shard " + recovering.get().shardRef() + " " + recovering.get().state());
      }
    }
    return Optional.empty();
  }

  private String done() {
    return restarted.size() + "/" + order.size() + " pods restarted"
        + (restarted.isEmpty() ? "" : " (" + String.join(", ", restarted) + ")");
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static Optional<NodeAssessment> node(ClusterAssessment assessment, String pod) {
    return assessment.nodes().stream()
        .filter(n -> n.findings().target().pod() != null && pod.equals(n.findings().target().pod().name()))
        .findFirst();
  }

  private static int ordinal(PodFacts pod) {
    int dash = pod.name().lastIndexOf('-');
    try {
      return dash < 0 ? 0 : Integer.parseInt(pod.name().substring(dash + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
