package io.qdrantvigil.operator.reconcile;

import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.health.ClusterAssessment;
import io.qdrantvigil.operator.spec.WatchSettings;

/** What happens after each poll besides the status: actions and metrics. */
public interface PollListener {

  void polled(QdrantClusterWatch watch, ClusterAssessment assessment, WatchSettings settings, String apiKey,
      long pollNanos);

  PollListener NONE = (watch, assessment, settings, apiKey, pollNanos) -> { };
}
