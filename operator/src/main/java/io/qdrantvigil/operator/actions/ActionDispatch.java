package io.qdrantvigil.operator.actions;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.spec.WatchSettings;
import java.util.concurrent.CompletableFuture;

/**
 * From a taken request to its outcome: refused (read-only watch, malformed, outside the watch, a
 * guard), a dry run, or the plan run by {@link ActionEffects}. The future never fails.
 */
final class ActionDispatch {

  static final String READ_ONLY = "the watch is read-only (spec.actions.enabled: false); nothing was done";

  private final ActionEffects effects;

  ActionDispatch(ActionEffects effects) {
    this.effects = effects;
  }

  /** What was dispatched: the plan when one runs (null otherwise), and the outcome to come. */
  record Dispatched(ActionPlan plan, CompletableFuture<ActionOutcome> outcome) {
    static Dispatched decided(ActionOutcome outcome) {
      return new Dispatched(null, CompletableFuture.completedFuture(outcome));
    }

    /** Whether it completes later, off the reconcile thread (a snapshot recovery may take 30 minutes). */
    boolean background() {
      return plan instanceof ActionPlan.Recover;
    }
  }

  Dispatched dispatch(ParsedRequest parsed, String namespace, ClusterAssessment assessment, WatchSettings settings,
      String apiKey) {
    if (!settings.actionsEnabled()) {
      return Dispatched.decided(ActionOutcome.refused(READ_ONLY));
    }
    try {
      ActionRequest request = parsed.request();
      ActionPlan plan = ActionPlanner.plan(request, namespace, assessment, effects);
      if (request.dryRun()) {
        return Dispatched.decided(ActionOutcome.dryRun("would " + plan.describe()));
      }
      return new Dispatched(plan, effects.run(plan, apiKey));
    } catch (ActionRefused e) {
      return Dispatched.decided(ActionOutcome.refused(e.getMessage()));
    } catch (KubernetesClientException e) {
      return Dispatched.decided(ActionOutcome.failed(KubernetesErrors.message(e)));
    }
  }
}
