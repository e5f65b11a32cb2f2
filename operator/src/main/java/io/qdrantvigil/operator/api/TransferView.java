package io.qdrantvigil.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One entry of {@code status.transfers}: a running shard transfer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferView(
    String collection,
    Long shard,
    @JsonPropertyDescription("Source: pod name, else peer id.")
    String from,
    @JsonPropertyDescription("Destination: pod name, else peer id.")
    String to,
    String method,
    @JsonPropertyDescription("Qdrant's progress comment, refreshed with lastPollTime.")
    String progress,
    @JsonPropertyDescription("First poll that saw this transfer.")
    String firstSeen) {}
