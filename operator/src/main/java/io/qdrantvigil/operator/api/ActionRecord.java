package io.qdrantvigil.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One action request and its outcome, as {@code status.actions} keeps it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionRecord(String action, String request, String outcome, String message, String time) {}
