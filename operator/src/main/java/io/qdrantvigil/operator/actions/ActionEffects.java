package io.qdrantvigil.operator.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.qdrantvigil.operator.qdrant.Fetch;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The side effects of actions, on Kubernetes and on Qdrant. Kubernetes effects are done when
 * {@link #run} returns; Qdrant effects complete later. The returned future never fails: every error
 * is a Failed outcome with Kubernetes' or Qdrant's text.
 */
public final class ActionEffects implements ActionPlanner.ReplicaLookup, AutoCloseable {

  public static final String FIELD_MANAGER = "qdrant-vigil";
  public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
  /** Qdrant waits {@code timeout=10} s for the commit; a little more covers the exchange. */
  static final Duration REMOVE_PEER_DEADLINE = Duration.ofSeconds(15);
  /** With {@code wait=true} Qdrant answers only after downloading and restoring the snapshot. */
  static final Duration RECOVER_DEADLINE = Duration.ofMinutes(30);

  private final KubernetesClient client;
  private final QdrantClient qdrant;
  private final Clock clock;
  private final PodEviction evictions;

  public ActionEffects(KubernetesClient client, QdrantClient qdrant, Clock clock) {
    this.client = client;
    this.evictions = new PodEviction(client);
    this.qdrant = qdrant;
    this.clock = clock;
  }

  public CompletableFuture<ActionOutcome> run(ActionPlan plan, String apiKey) {
    try {
      if (plan instanceof ActionPlan.DeletePod p) {
        return CompletableFuture.completedFuture(deletePod(p));
      }
      if (plan instanceof ActionPlan.Restart p) {
        return CompletableFuture.completedFuture(restart(p));
      }
      if (plan instanceof ActionPlan.Scale p) {
        return CompletableFuture.completedFuture(scale(p));
      }
      if (plan instanceof ActionPlan.RemovePeer p) {
        return qdrant.send("DELETE", p.nodeUrl(), p.pathAndQuery(), null, REMOVE_PEER_DEADLINE, apiKey)
            .thenApply(f -> fromQdrant(f, p.nodeName(), "peer " + p.peer() + " removed through " + p.nodeName()));
      }
      if (plan instanceof ActionPlan.ShardOperation p) {
        return qdrant.send("POST", p.nodeUrl(), p.pathAndQuery(), p.body(), REMOVE_PEER_DEADLINE, apiKey)
            .thenApply(f -> fromQdrant(f, p.nodeName(), "sent to " + p.nodeName() + ": " + p.describe()));
      }
      if (plan instanceof ActionPlan.Recover p) {
        return qdrant.send("PUT", p.nodeUrl(), p.pathAndQuery(), p.body(), RECOVER_DEADLINE, apiKey)
            .thenApply(f -> fromQdrant(f, p.nodeName(),
                "collection " + p.collection() + " recovered on " + p.nodeName()));
      }
      return CompletableFuture.completedFuture(ActionOutcome.succeeded("polled"));
    } catch (KubernetesClientException e) {
      return CompletableFuture.completedFuture(ActionOutcome.failed(KubernetesErrors.message(e)));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(ActionOutcome.failed(e.toString()));
    }
  }

  @Override
  public int replicas(String namespace, String statefulSet) {
    StatefulSet found = client.apps().statefulSets().inNamespace(namespace).withName(statefulSet).get();
    if (found == null) {
      throw new KubernetesClientException("statefulsets.apps \"" + statefulSet + "\" not found");
    }
    Integer replicas = found.getSpec() == null ? null : found.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  /** An eviction, so disruption budgets hold; {@code force}: a plain delete with grace period 0. */
  private ActionOutcome deletePod(ActionPlan.DeletePod p) {
    if (p.force()) {
      List<StatusDetails> deleted = client.pods().inNamespace(p.namespace()).withName(p.pod()).withGracePeriod(0)
          .delete();
      return deleted.isEmpty() ? ActionOutcome.failed("pods \"" + p.pod() + "\" not found")
          : ActionOutcome.succeeded("pod " + p.pod() + " deleted with grace period 0");
    }
    PodEviction.Result eviction = evictions.evict(p.namespace(), p.pod());
    return switch (eviction.kind()) {
      case EVICTED -> ActionOutcome.succeeded("pod " + p.pod() + " evicted");
      case BUDGET_REFUSED -> ActionOutcome.refused(eviction.message());
      case FAILED -> ActionOutcome.failed(eviction.message());
    };
  }

  /** What {@code kubectl rollout restart} does: a new pod template annotation, so the controller rolls the pods. */
  private ActionOutcome restart(ActionPlan.Restart p) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("spec").putObject("template").putObject("metadata").putObject("annotations")
        .put(RESTARTED_AT, now);
    patchStatefulSet(p.namespace(), p.statefulSet(), patch);
    return ActionOutcome.succeeded("StatefulSet " + p.statefulSet() + " restarting (" + RESTARTED_AT + "=" + now + ")");
  }

  private ActionOutcome scale(ActionPlan.Scale p) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("spec").put("replicas", p.to());
    patchStatefulSet(p.namespace(), p.statefulSet(), patch);
    return ActionOutcome.succeeded("StatefulSet " + p.statefulSet() + " scaled from " + p.from() + " to " + p.to()
        + " replicas");
  }

  private void patchStatefulSet(String namespace, String name, ObjectNode mergePatch) {
    client.apps().statefulSets().inNamespace(namespace).withName(name).patch(
        new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(FIELD_MANAGER).build(),
        mergePatch.toString());
  }

  private static ActionOutcome fromQdrant(Fetch<QdrantClient.Answer> fetch, String node, String success) {
    if (fetch instanceof Fetch.Failed<QdrantClient.Answer> failed) {
      return ActionOutcome.failed(node + ": " + failed.kind().warningType() + ": " + failed.message());
    }
    QdrantClient.Answer answer = fetch.valueOrNull();
    if (answer.isSuccess()) {
      return ActionOutcome.succeeded(success);
    }
    String error = answer.errorText();
    return ActionOutcome.failed(error == null || error.isBlank() ? node + " answered HTTP " + answer.code() : error);
  }

  PodEviction evictions() {
    return evictions;
  }

  @Override
  public void close() {
    evictions.close();
  }
}
