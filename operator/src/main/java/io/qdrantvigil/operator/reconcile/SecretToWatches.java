package io.qdrantvigil.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import java.util.Set;
import java.util.stream.Collectors;

/** A Secret event concerns every watch of the Secret's namespace whose {@code apiKeySecretRef} names it. */
final class SecretToWatches implements SecondaryToPrimaryMapper<Secret> {

  private final IndexerResourceCache<QdrantClusterWatch> watches;

  SecretToWatches(IndexerResourceCache<QdrantClusterWatch> watches) {
    this.watches = watches;
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(Secret secret) {
    String name = secret.getMetadata().getName();
    return watches.list(secret.getMetadata().getNamespace())
        .filter(watch -> watch.getSpec() != null && watch.getSpec().apiKeySecretRef() != null
            && name.equals(watch.getSpec().apiKeySecretRef().name()))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
