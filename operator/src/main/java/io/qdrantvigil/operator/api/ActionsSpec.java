package io.qdrantvigil.operator.api;

public record ActionsSpec(Boolean enabled) {}
