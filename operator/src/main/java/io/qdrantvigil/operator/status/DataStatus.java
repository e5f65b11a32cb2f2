package io.qdrantvigil.operator.status;

import io.qdrantvigil.operator.api.CollectionSummary;
import io.qdrantvigil.operator.api.DataMemoStatus;
import io.qdrantvigil.operator.api.DataSummary;
import io.qdrantvigil.operator.api.TransferView;
import java.util.List;

/** The data view's status fields, as {@link DataStatusComposer} makes them from a data assessment. */
public record DataStatus(DataSummary data, List<CollectionSummary> collections, Integer collectionsOmitted,
    List<TransferView> transfers, DataMemoStatus dataMemo) {}
