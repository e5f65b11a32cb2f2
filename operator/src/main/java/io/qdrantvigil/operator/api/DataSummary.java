package io.qdrantvigil.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** {@code status.data}: the data view in one line (the DATA column is its state). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSummary(
    @JsonPropertyDescription("Healthy, AtRisk, Unavailable or Unknown.")
    String state,
    Integer collections,
    Integer shards,
    @JsonPropertyDescription("Readable replicas on reachable peers over all replicas, e.g. 22/24.")
    String readableReplicas,
    Integer transfers,
    @JsonPropertyDescription("When the view shown was read, present only when it is older than the last poll.")
    String viewTime) {}
