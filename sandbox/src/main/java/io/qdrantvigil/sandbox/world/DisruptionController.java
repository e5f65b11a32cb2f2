package io.qdrantvigil.sandbox.world;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetList;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays kube-controller-manager's disruption controller for the PodDisruptionBudgets (policy/v1beta1, the
 * version the sandbox's 1.20 apiserver serves) of one namespace, so that the real apiserver's Eviction
 * subresource refuses (429) or allows evictions as in a cluster: it reads {@code status} and decrements
 * {@code disruptionsAllowed} itself. Level-triggered: any pod, budget or StatefulSet event, the resync,
 * and the moment a {@code disruptedPods} entry expires recompute every budget ({@link DisruptionBudgetRule})
 * and write the status that changed. A budget that cannot be computed allows no disruption, as the real
 * controller's fail-safe does. The controllers it knows for scales are StatefulSets.
 */
final class DisruptionController implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DisruptionController.class);

  private final KubernetesClient client;
  private final String namespace;
  private final ControllerLoop loop;

  DisruptionController(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.loop = new ControllerLoop("sandbox-disruption-controller", this::sync);
  }

  void start() {
    loop.watch(budgets(), "poddisruptionbudget");
    loop.watch(client.pods().inNamespace(namespace), "pod");
    loop.watch(client.apps().statefulSets().inNamespace(namespace), "statefulset");
    loop.start();
  }

  private NonNamespaceOperation<PodDisruptionBudget, PodDisruptionBudgetList, Resource<PodDisruptionBudget>> budgets() {
    return client.policy().v1beta1().podDisruptionBudget().inNamespace(namespace);
  }

  private void sync() {
    List<PodDisruptionBudget> all = budgets().list().getItems();
    if (all.isEmpty()) {
      return;
    }
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
    Map<String, StatefulSet> setsByUid = client.apps().statefulSets().inNamespace(namespace).list().getItems()
        .stream().collect(Collectors.toMap(s -> s.getMetadata().getUid(), Function.identity()));
    Instant now = Instant.now();
    for (PodDisruptionBudget budget : all) {
      if (budget.getMetadata().getDeletionTimestamp() == null) {
        syncOne(budget, pods, owner -> scaleOf(owner, setsByUid), now);
      }
    }
  }

  private void syncOne(PodDisruptionBudget budget, List<Pod> pods,
      Function<OwnerReference, Optional<Integer>> scaleOf, Instant now) {
    PodDisruptionBudgetStatus wanted;
    try {
      DisruptionBudgetRule.Outcome outcome = DisruptionBudgetRule.compute(budget, pods, scaleOf, now);
      wanted = outcome.status();
      outcome.recheckAt().ifPresent(at -> loop.requestPassAfter(Duration.between(now, at).plusMillis(100)));
    } catch (DisruptionBudgetRule.CannotCompute e) {
      LOG.warn("{}/{}: {}; no disruption allowed", namespace, budget.getMetadata().getName(), e.getMessage());
      wanted = new PodDisruptionBudgetStatusBuilder(budget.getStatus() == null
          ? new PodDisruptionBudgetStatus() : budget.getStatus()).withDisruptionsAllowed(0).build();
    }
    if (sameStatus(budget.getStatus(), wanted)) {
      return;
    }
    budget.setStatus(wanted);
    try {
      budgets().resource(budget).updateStatus();
    } catch (KubernetesClientException e) {
      LOG.debug("{}/{} status not written ({}); retrying", namespace, budget.getMetadata().getName(), e.getMessage());
      loop.retryLater();
    }
  }

  private static Optional<Integer> scaleOf(OwnerReference owner, Map<String, StatefulSet> setsByUid) {
    StatefulSet set = setsByUid.get(owner.getUid());
    if (set == null || !"StatefulSet".equals(owner.getKind()) || !"apps/v1".equals(owner.getApiVersion())) {
      return Optional.empty();
    }
    return Optional.of(set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas());
  }

  private static boolean sameStatus(PodDisruptionBudgetStatus old, PodDisruptionBudgetStatus wanted) {
    return old != null
        && Objects.equals(old.getCurrentHealthy(), wanted.getCurrentHealthy())
        && Objects.equals(old.getDesiredHealthy(), wanted.getDesiredHealthy())
        && Objects.equals(old.getExpectedPods(), wanted.getExpectedPods())
        && Objects.equals(old.getDisruptionsAllowed(), wanted.getDisruptionsAllowed())
        && Objects.equals(emptyIfNull(old.getDisruptedPods()), emptyIfNull(wanted.getDisruptedPods()))
        && Objects.equals(old.getObservedGeneration(), wanted.getObservedGeneration());
  }

  private static Map<String, String> emptyIfNull(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  @Override
  public void close() {
    loop.close();
  }
}
