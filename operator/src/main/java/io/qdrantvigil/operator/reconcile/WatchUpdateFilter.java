package io.qdrantvigil.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.qdrantvigil.operator.actions.ActionAnnotations;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import java.util.Objects;

/**
 * Which updates of a watch start a reconcile: a spec change (generation) or a new or changed
 * action annotation. The operator's own status writes and annotation removals do not, or every
 * write would trigger another poll.
 */
public final class WatchUpdateFilter implements OnUpdateFilter<QdrantClusterWatch> {

  @Override
  public boolean accept(QdrantClusterWatch newWatch, QdrantClusterWatch oldWatch) {
    return !Objects.equals(newWatch.getMetadata().getGeneration(), oldWatch.getMetadata().getGeneration())
        || ActionAnnotations.hasNewActionAnnotation(oldWatch.getMetadata(), newWatch.getMetadata());
  }
}
