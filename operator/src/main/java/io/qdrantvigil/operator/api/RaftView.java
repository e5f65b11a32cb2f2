package io.qdrantvigil.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RaftView(Long term, Long commit, Long pendingOperations, String role) {}
