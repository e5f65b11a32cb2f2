package io.qdrantvigil.operator.ops;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.data.DataViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tells {@link WatchMetrics} and the data views when a watch is deleted. The reconciler is not called on deletion
 * (the operator adds no finalizer, so deleting a watch never waits for the operator).
 */
public final class WatchDeletions implements AutoCloseable {

  private final List<SharedIndexInformer<QdrantClusterWatch>> informers = new ArrayList<>();

  public WatchDeletions(KubernetesClient client, Set<String> namespaces, WatchMetrics metrics, DataViews dataViews) {
    ResourceEventHandler<QdrantClusterWatch> onDelete = new ResourceEventHandler<>() {
      @Override
      public void onAdd(QdrantClusterWatch watch) {
      }

      @Override
      public void onUpdate(QdrantClusterWatch before, QdrantClusterWatch after) {
      }

      @Override
      public void onDelete(QdrantClusterWatch watch, boolean finalStateUnknown) {
        metrics.forget(watch.getMetadata().getNamespace(), watch.getMetadata().getName());
        dataViews.forget(watch.getMetadata().getNamespace(), watch.getMetadata().getName());
      }
    };
    var watches = client.resources(QdrantClusterWatch.class);
    if (namespaces.isEmpty()) {
      informers.add(watches.inAnyNamespace().inform(onDelete));
    } else {
      namespaces.forEach(ns -> informers.add(watches.inNamespace(ns).inform(onDelete)));
    }
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
