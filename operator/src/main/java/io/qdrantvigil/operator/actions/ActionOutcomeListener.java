package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatch;

/** Told of every finished action request (the same moments as its Event), e.g. for metrics. */
public interface ActionOutcomeListener {

  void finished(QdrantClusterWatch watch, ActionRecord record);

  ActionOutcomeListener NONE = (watch, record) -> { };
}
