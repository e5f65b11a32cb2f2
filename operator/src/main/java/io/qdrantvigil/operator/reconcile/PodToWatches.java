package io.qdrantvigil.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.discovery.SelectorMatch;
import io.qdrantvigil.operator.spec.InvalidSpecException;
import io.qdrantvigil.operator.spec.WatchSettings;
import java.util.Set;
import java.util.stream.Collectors;

/** A pod event concerns every watch in the pod's namespace whose selector matches the pod. */
final class PodToWatches implements SecondaryToPrimaryMapper<Pod> {

  private final IndexerResourceCache<QdrantClusterWatch> watches;

  PodToWatches(IndexerResourceCache<QdrantClusterWatch> watches) {
    this.watches = watches;
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    return watches.list(namespace)
        .filter(watch -> selects(watch, pod))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static boolean selects(QdrantClusterWatch watch, Pod pod) {
    try {
      return SelectorMatch.matches(WatchSettings.from(watch.getSpec()).selector(), pod.getMetadata().getLabels());
    } catch (InvalidSpecException e) {
      return false;
    }
  }
}
