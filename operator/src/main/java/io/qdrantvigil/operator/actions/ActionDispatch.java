package io.qdrantvigil.operator.actions;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.spec.WatchSettings;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * From a taken request to its outcome: refused (read-only watch, malformed, outside the watch, a
 * guard, a multi-step action holding the watch), a dry run, the plan run by {@link ActionEffects},
 * or an action that goes on across polls ({@link RunningAction}). The future never fails.
 */
final class ActionDispatch {

  static final String READ_ONLY = "the watch is read-only (spec.actions.enabled: false); nothing was done";

  private final KubernetesClient client;
  private final ActionEffects effects;

  ActionDispatch(KubernetesClient client, ActionEffects effects) {
    this.client = client;
    this.effects = effects;
  }

  /** What was dispatched: the plan when one runs, the outcome to come, or the action that goes on. */
  record Dispatched(ActionPlan plan, CompletableFuture<ActionOutcome> outcome, RunningAction goesOn) {
    static Dispatched decided(ActionOutcome outcome) {
      return new Dispatched(null, CompletableFuture.completedFuture(outcome), null);
    }

    /** Whether it completes later, off the reconcile thread (a snapshot recovery may take 30 minutes). */
    boolean background() {
      return plan instanceof ActionPlan.Recover;
    }
  }

  Dispatched dispatch(ParsedRequest parsed, QdrantClusterWatch watch, ClusterAssessment assessment,
      DataPlacement placement, WatchSettings settings, String apiKey, Optional<RunningAction> holding) {
    if (!settings.actionsEnabled()) {
      return Dispatched.decided(ActionOutcome.refused(READ_ONLY));
    }
    try {
      ActionRequest request = parsed.request();
      if (holding.isPresent() && !request.dryRun() && changesTheCluster(request)) {
        return Dispatched.decided(ActionOutcome.refused(holding.get().name() + " is running; wait for it to end"
            + " or annotate qdrantvigil.io/cancel"));
      }
      ActionPlan plan = ActionPlanner.plan(request, watch.getMetadata().getNamespace(), assessment, placement,
          effects);
      if (request.dryRun()) {
        return Dispatched.decided(ActionOutcome.dryRun("would " + plan.describe()));
      }
      if (plan instanceof ActionPlan.Cancel) {
        return Dispatched.decided(cancel(holding));
      }
      if (plan instanceof ActionPlan.RestartSafely r) {
        return new Dispatched(plan, null, new RestartSafely(client, effects.evictions(), r.namespace(), r.order(),
            settings.stepTimeout()));
      }
      if (plan instanceof ActionPlan.DrainingScale d) {
        return new Dispatched(plan, null, new DrainingScaleDown(client, effects, apiKey, d.namespace(),
            d.statefulSet(), d.from(), d.to(), settings.stepTimeout()));
      }
      if (plan instanceof ActionPlan.ShardOperation o) {
        ActionOutcome sent = effects.run(plan, apiKey).join();
        if (o.follow() == null || !ActionOutcome.SUCCEEDED.equals(sent.outcome())) {
          return Dispatched.decided(sent);
        }
        return new Dispatched(plan, null, o.follow().running());
      }
      return new Dispatched(plan, effects.run(plan, apiKey), null);
    } catch (ActionRefused e) {
      return Dispatched.decided(ActionOutcome.refused(e.getMessage()));
    } catch (KubernetesClientException e) {
      return Dispatched.decided(ActionOutcome.failed(KubernetesErrors.message(e)));
    }
  }

  private static ActionOutcome cancel(Optional<RunningAction> holding) {
    if (holding.isEmpty()) {
      return ActionOutcome.refused("no multi-step action is running; nothing to cancel");
    }
    holding.get().cancel();
    return ActionOutcome.succeeded(holding.get().name() + " stops after its current step");
  }

  /** Every action that changes pods, peers or shards; poll and cancel do not. */
  private static boolean changesTheCluster(ActionRequest request) {
    return !(request instanceof ActionRequest.Poll) && !(request instanceof ActionRequest.Cancel);
  }
}
