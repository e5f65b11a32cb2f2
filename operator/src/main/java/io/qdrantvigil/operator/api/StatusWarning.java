package io.qdrantvigil.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One problem: where ({@code node}: pod name, or URL outside Kubernetes), what type, and the detail. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusWarning(String node, String type, String message, String error) {}
