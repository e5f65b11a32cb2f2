package io.qdrantvigil.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The disruption controller's arithmetic, case by case as kube-controller-manager 1.20 computes it. */
class DisruptionBudgetRuleTest {

  private static final Instant NOW = Instant.parse("2026-08-04T12:30:00Z");
  private static final String SET_UID = "set-uid";

  @Test
  void maxUnavailableOneOfThreeReadyPodsAllowsOneDisruption() {
    PodDisruptionBudgetStatus status = compute(budget(new IntOrString(1), null), pods(3, 3), scale(3));

    assertThat(status.getExpectedPods()).isEqualTo(3);
    assertThat(status.getDesiredHealthy()).isEqualTo(2);
    assertThat(status.getCurrentHealthy()).isEqualTo(3);
    assertThat(status.getDisruptionsAllowed()).isEqualTo(1);
    assertThat(status.getDisruptedPods()).isEmpty();
    assertThat(status.getObservedGeneration()).isEqualTo(4L);
  }

  @Test
  void onePodNotReadyLeavesNoDisruption() {
    PodDisruptionBudgetStatus status = compute(budget(new IntOrString(1), null), pods(3, 2), scale(3));

    assertThat(status.getCurrentHealthy()).isEqualTo(2);
    assertThat(status.getDesiredHealthy()).isEqualTo(2);
    assertThat(status.getDisruptionsAllowed()).isZero();
  }

  @Test
  void theExpectedCountIsTheControllersScaleNotThePodsThatExist() {
    PodDisruptionBudgetStatus status = compute(budget(new IntOrString(1), null), pods(2, 2), scale(3));

    assertThat(status.getExpectedPods()).isEqualTo(3);
    assertThat(status.getDesiredHealthy()).isEqualTo(2);
    assertThat(status.getDisruptionsAllowed()).isZero();
  }

  @Test
  void percentagesOfTheScaleRoundUp() {
    PodDisruptionBudgetStatus maxUnavailable = compute(budget(new IntOrString("34%"), null), pods(3, 3), scale(3));
    assertThat(maxUnavailable.getDesiredHealthy()).as("3 - ceil(1.02)").isEqualTo(1);
    assertThat(maxUnavailable.getDisruptionsAllowed()).isEqualTo(2);

    PodDisruptionBudgetStatus minAvailable = compute(budget(null, new IntOrString("50%")), pods(3, 3), scale(5));
    assertThat(minAvailable.getExpectedPods()).isEqualTo(5);
    assertThat(minAvailable.getDesiredHealthy()).as("ceil(2.5)").isEqualTo(3);
    assertThat(minAvailable.getDisruptionsAllowed()).isZero();
  }

  @Test
  void minAvailableAsANumberCountsTheSelectedPodsAndNeedsNoController() {
    List<Pod> pods = pods(3, 3);
    pods.add(pod("stray", true, null));
    PodDisruptionBudgetStatus status = compute(budget(null, new IntOrString(2)), pods, scale(10));

    assertThat(status.getExpectedPods()).isEqualTo(4);
    assertThat(status.getDesiredHealthy()).isEqualTo(2);
    assertThat(status.getCurrentHealthy()).isEqualTo(4);
    assertThat(status.getDisruptionsAllowed()).isEqualTo(2);
  }

  @Test
  void aRecentEvictionIsNotHealthyUntilItsPodIsDeletedOrTwoMinutesPass() {
    PodDisruptionBudget budget = budget(new IntOrString(1), null);
    String evictedAt = "2026-08-04T12:29:30Z";
    budget.setStatus(new PodDisruptionBudgetStatus(null, 3, 2, Map.of("qdrant-1", evictedAt), 1, 3, 4L));

    DisruptionBudgetRule.Outcome recent = DisruptionBudgetRule.compute(budget, pods(3, 3), scale(3), NOW);
    assertThat(recent.status().getDisruptedPods()).containsExactly(Map.entry("qdrant-1", evictedAt));
    assertThat(recent.status().getCurrentHealthy()).isEqualTo(2);
    assertThat(recent.status().getDisruptionsAllowed()).isZero();
    assertThat(recent.recheckAt()).contains(Instant.parse("2026-08-04T12:31:30Z"));

    DisruptionBudgetRule.Outcome expired = DisruptionBudgetRule.compute(budget, pods(3, 3), scale(3),
        NOW.plusSeconds(91));
    assertThat(expired.status().getDisruptedPods()).isEmpty();
    assertThat(expired.status().getCurrentHealthy()).isEqualTo(3);
    assertThat(expired.recheckAt()).isEmpty();

    List<Pod> terminating = pods(3, 3);
    terminating.get(1).getMetadata().setDeletionTimestamp("2026-08-04T12:29:31Z");
    DisruptionBudgetRule.Outcome deleting = DisruptionBudgetRule.compute(budget, terminating, scale(3), NOW);
    assertThat(deleting.status().getDisruptedPods()).isEmpty();
    assertThat(deleting.status().getCurrentHealthy()).isEqualTo(2);

    DisruptionBudgetRule.Outcome gone = DisruptionBudgetRule.compute(budget,
        List.of(pods(3, 3).get(0), pods(3, 3).get(2)), scale(3), NOW);
    assertThat(gone.status().getDisruptedPods()).isEmpty();
  }

  @Test
  void theSelectorPicksThePodsAndAnEmptyOneSelectsNothing() {
    List<Pod> pods = pods(3, 3);
    pods.get(2).getMetadata().getLabels().put("tier", "spare");
    PodDisruptionBudget byExpression = budget(null, new IntOrString(1));
    byExpression.getSpec().setSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "qdrant"))
        .addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues("spare").endMatchExpression()
        .build());
    assertThat(compute(byExpression, pods, scale(3)).getCurrentHealthy()).isEqualTo(2);

    PodDisruptionBudget empty = budget(new IntOrString(1), null);
    empty.getSpec().setSelector(new LabelSelectorBuilder().build());
    PodDisruptionBudgetStatus none = compute(empty, pods, scale(3));
    assertThat(none.getExpectedPods()).isZero();
    assertThat(none.getCurrentHealthy()).isZero();
    assertThat(none.getDisruptionsAllowed()).isZero();
  }

  @Test
  void noExpectedPodAllowsNoDisruption() {
    PodDisruptionBudgetStatus status = compute(budget(null, new IntOrString(0)), List.of(), scale(3));

    assertThat(status.getExpectedPods()).isZero();
    assertThat(status.getDisruptionsAllowed()).isZero();
  }

  @Test
  void aPodWithoutAKnownControllerCannotBeCountedAgainstAScale() {
    List<Pod> orphans = pods(3, 3);
    orphans.add(pod("stray", true, null));
    assertThatThrownBy(() -> compute(budget(new IntOrString(1), null), orphans, scale(3)))
        .isInstanceOf(DisruptionBudgetRule.CannotCompute.class)
        .hasMessage("found no controller ref for pod \"stray\"");

    assertThatThrownBy(() -> compute(budget(null, new IntOrString("50%")), pods(3, 3), owner -> Optional.empty()))
        .isInstanceOf(DisruptionBudgetRule.CannotCompute.class)
        .hasMessage("found no controllers for pod \"qdrant-0\"");
  }

  private static PodDisruptionBudgetStatus compute(PodDisruptionBudget budget, List<Pod> pods,
      Function<OwnerReference, Optional<Integer>> scaleOf) {
    return DisruptionBudgetRule.compute(budget, pods, scaleOf, NOW).status();
  }

  private static Function<OwnerReference, Optional<Integer>> scale(int replicas) {
    return owner -> SET_UID.equals(owner.getUid()) ? Optional.of(replicas) : Optional.empty();
  }

  private static PodDisruptionBudget budget(IntOrString maxUnavailable, IntOrString minAvailable) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName("qdrant").withNamespace("ns").withGeneration(4L).endMetadata()
        .withNewSpec().withMaxUnavailable(maxUnavailable).withMinAvailable(minAvailable)
        .withNewSelector().withMatchLabels(Map.of("app", "qdrant")).endSelector().endSpec()
        .build();
  }

  /** {@code count} pods of the StatefulSet, the first {@code ready} of them Ready. */
  private static List<Pod> pods(int count, int ready) {
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pods.add(pod("qdrant-" + i, i < ready, SET_UID));
    }
    return pods;
  }

  private static Pod pod(String name, boolean ready, String controllerUid) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns")
        .addToLabels("app", "qdrant").endMetadata()
        .withNewStatus().withPhase("Running")
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus();
    if (controllerUid != null) {
      pod.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName("qdrant")
          .withUid(controllerUid).withController(true).endOwnerReference().endMetadata();
    }
    return pod.build();
  }
}
