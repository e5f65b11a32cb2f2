package io.qdrantvigil.sandbox.world;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The status kube-controller-manager's disruption controller (1.20, {@code pkg/controller/disruption})
 * computes for a PodDisruptionBudget from the pods it selects and the scale of their controllers:
 * <ul>
 *   <li>{@code maxUnavailable} (int or percent of the controllers' summed scale, rounded up):
 *       {@code expectedPods} is that scale, {@code desiredHealthy} = expected - maxUnavailable (at least 0);</li>
 *   <li>{@code minAvailable} as an int: {@code desiredHealthy} is it and {@code expectedPods} counts the
 *       selected pods; as a percent: of the controllers' scale, rounded up;</li>
 *   <li>{@code currentHealthy} counts the selected pods that are Ready, not terminating and not in
 *       {@code disruptedPods} (pods the Eviction API is about to delete, kept there until they are deleted
 *       or {@link #DELETION_TIMEOUT} has passed);</li>
 *   <li>{@code disruptionsAllowed} = current - desired, 0 when negative or when no pod is expected.</li>
 * </ul>
 * An empty selector selects nothing (policy/v1beta1). A selected pod without a controller, or whose
 * controller is unknown, makes the computation fail: the controller then allows no disruption.
 */
final class DisruptionBudgetRule {

  /** How long an eviction's entry in {@code disruptedPods} waits for its pod to be deleted. */
  static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);

  /** The new status, and when it must be computed again for a {@code disruptedPods} entry to expire. */
  record Outcome(PodDisruptionBudgetStatus status, Optional<Instant> recheckAt) {}

  /** The budget cannot be computed; the message is what the real controller records as an Event. */
  static final class CannotCompute extends RuntimeException {
    CannotCompute(String message) {
      super(message);
    }
  }

  private DisruptionBudgetRule() {}

  /**
   * {@code namespacePods}: every pod of the budget's namespace; {@code scaleOf}: the desired replicas of a
   * pod's controller, empty when it is not a controller this cluster knows.
   */
  static Outcome compute(PodDisruptionBudget budget, List<Pod> namespacePods,
      Function<OwnerReference, Optional<Integer>> scaleOf, Instant now) {
    List<Pod> pods = LabelSelectors.isEmpty(budget.getSpec().getSelector()) ? List.of() : namespacePods.stream()
        .filter(p -> LabelSelectors.matches(budget.getSpec().getSelector(), p.getMetadata().getLabels()))
        .toList();
    int expected;
    int desired;
    IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
    IntOrString minAvailable = budget.getSpec().getMinAvailable();
    if (maxUnavailable != null) {
      expected = expectedScale(pods, scaleOf);
      desired = Math.max(0, expected - scaled(maxUnavailable, expected));
    } else if (minAvailable != null && minAvailable.getStrVal() == null) {
      expected = pods.size();
      desired = minAvailable.getIntVal();
    } else if (minAvailable != null) {
      expected = expectedScale(pods, scaleOf);
      desired = scaled(minAvailable, expected);
    } else {
      expected = 0;
      desired = 0;
    }
    Map<String, String> disrupted = new LinkedHashMap<>();
    Instant recheck = null;
    Map<String, String> previous = budget.getStatus() == null ? null : budget.getStatus().getDisruptedPods();
    for (Pod pod : pods) {
      String since = previous == null || isTerminating(pod) ? null : previous.get(pod.getMetadata().getName());
      if (since != null) {
        Instant expectedDeletion = parseTime(since).plus(DELETION_TIMEOUT);
        if (!expectedDeletion.isBefore(now)) {
          disrupted.put(pod.getMetadata().getName(), since);
          recheck = recheck == null || expectedDeletion.isBefore(recheck) ? expectedDeletion : recheck;
        }
      }
    }
    int healthy = (int) pods.stream()
        .filter(p -> !isTerminating(p) && !disrupted.containsKey(p.getMetadata().getName())
            && QdrantPods.hasReadyCondition(p))
        .count();
    int allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
    PodDisruptionBudgetStatus status = new PodDisruptionBudgetStatusBuilder()
        .withCurrentHealthy(healthy)
        .withDesiredHealthy(desired)
        .withExpectedPods(expected)
        .withDisruptionsAllowed(allowed)
        .withDisruptedPods(disrupted)
        .withObservedGeneration(budget.getMetadata().getGeneration())
        .build();
    return new Outcome(status, Optional.ofNullable(recheck));
  }

  /** The summed scale of the selected pods' controllers, each controller counted once. */
  private static int expectedScale(List<Pod> pods, Function<OwnerReference, Optional<Integer>> scaleOf) {
    Map<String, Integer> scaleByController = new LinkedHashMap<>();
    for (Pod pod : pods) {
      OwnerReference controller = controllerOf(pod).orElseThrow(() -> new CannotCompute(
          "found no controller ref for pod \"" + pod.getMetadata().getName() + "\""));
      if (!scaleByController.containsKey(controller.getUid())) {
        int scale = scaleOf.apply(controller).orElseThrow(() -> new CannotCompute(
            "found no controllers for pod \"" + pod.getMetadata().getName() + "\""));
        scaleByController.put(controller.getUid(), scale);
      }
    }
    return scaleByController.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Kubernetes' {@code GetScaledValueFromIntOrPercent(value, total, roundUp=true)}. */
  private static int scaled(IntOrString value, int total) {
    if (value.getStrVal() == null) {
      return value.getIntVal();
    }
    String text = value.getStrVal();
    if (!text.endsWith("%")) {
      throw new CannotCompute("invalid value for IntOrString: invalid value \"" + text + "\"");
    }
    try {
      int percent = Integer.parseInt(text.substring(0, text.length() - 1));
      return (int) Math.ceil(percent * (double) total / 100);
    } catch (NumberFormatException e) {
      throw new CannotCompute("invalid value for IntOrString: invalid value \"" + text + "\"");
    }
  }

  private static Optional<OwnerReference> controllerOf(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    return owners == null ? Optional.empty()
        : owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst();
  }

  private static boolean isTerminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  private static Instant parseTime(String time) {
    return OffsetDateTime.parse(time).toInstant();
  }
}
