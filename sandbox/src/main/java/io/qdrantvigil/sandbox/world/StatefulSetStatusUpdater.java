package io.qdrantvigil.sandbox.world;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The StatefulSet's status as the real controller keeps it, written through the status subresource after
 * every pass (and only when it changed), so {@code kubectl get sts} and {@code kubectl rollout status}
 * read as on a real cluster: {@code replicas} counts the pods that exist, the revision counts those not
 * terminating, and once every pod is updated and ready the update revision becomes the current one.
 */
final class StatefulSetStatusUpdater {

  private static final Logger LOG = LoggerFactory.getLogger(StatefulSetStatusUpdater.class);

  private final KubernetesClient client;
  private final String namespace;
  private final ControllerLoop loop;

  StatefulSetStatusUpdater(KubernetesClient client, String namespace, ControllerLoop loop) {
    this.client = client;
    this.namespace = namespace;
    this.loop = loop;
  }

  void write(StatefulSet set, Map<Integer, Pod> pods, String currentRevision, String updateRevision) {
    StatefulSetStatus status = status(set, pods, currentRevision, updateRevision);
    if (sameStatus(set.getStatus(), status)) {
      return;
    }
    set.setStatus(status);
    try {
      client.apps().statefulSets().inNamespace(namespace).resource(set).updateStatus();
    } catch (KubernetesClientException e) {
      LOG.debug("statefulset status not written ({}); the next pass writes it", e.getMessage());
      loop.retryLater();
    }
  }

  static StatefulSetStatus status(StatefulSet set, Map<Integer, Pod> pods, String currentRevision,
      String updateRevision) {
    int replicas = 0;
    int ready = 0;
    int current = 0;
    int updated = 0;
    for (Pod pod : pods.values()) {
      replicas++;
      if (StatefulSetController.isRunningAndReady(pod)) {
        ready++;
      }
      if (pod.getMetadata().getDeletionTimestamp() == null) {
        if (currentRevision.equals(StatefulSetController.revisionOf(pod))) {
          current++;
        }
        if (updateRevision.equals(StatefulSetController.revisionOf(pod))) {
          updated++;
        }
      }
    }
    if (updated == replicas && ready == replicas) {
      currentRevision = updateRevision;
      current = updated;
    }
    return new StatefulSetStatusBuilder()
        .withObservedGeneration(set.getMetadata().getGeneration())
        .withReplicas(replicas)
        .withReadyReplicas(ready)
        .withCurrentReplicas(current)
        .withUpdatedReplicas(updated)
        // Not in the 1.20 API (the apiserver drops it); written for newer apiservers, as their controller does.
        .withAvailableReplicas(ready)
        .withCurrentRevision(currentRevision)
        .withUpdateRevision(updateRevision)
        .withCollisionCount(0)
        .build();
  }

  private static boolean sameStatus(StatefulSetStatus old, StatefulSetStatus wanted) {
    if (old == null) {
      return false;
    }
    StatefulSetStatus compared = new StatefulSetStatusBuilder(wanted).build();
    if (old.getAvailableReplicas() == null) {
      compared.setAvailableReplicas(null);
    }
    return Objects.equals(old.getObservedGeneration(), compared.getObservedGeneration())
        && Objects.equals(old.getReplicas(), compared.getReplicas())
        && Objects.equals(old.getReadyReplicas(), compared.getReadyReplicas())
        && Objects.equals(old.getCurrentReplicas(), compared.getCurrentReplicas())
        && Objects.equals(old.getUpdatedReplicas(), compared.getUpdatedReplicas())
        && Objects.equals(old.getAvailableReplicas(), compared.getAvailableReplicas())
        && Objects.equals(old.getCurrentRevision(), compared.getCurrentRevision())
        && Objects.equals(old.getUpdateRevision(), compared.getUpdateRevision())
        && Objects.equals(old.getCollisionCount(), compared.getCollisionCount());
  }
}
