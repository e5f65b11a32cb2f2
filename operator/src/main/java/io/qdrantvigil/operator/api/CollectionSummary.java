package io.qdrantvigil.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One entry of {@code status.collections}: a collection's data state and what is wrong with it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CollectionSummary(
    String name,
    String state,
    Integer shards,
    Integer replicationFactor,
    String readableReplicas,
    Integer transfers,
    List<String> problems) {}
