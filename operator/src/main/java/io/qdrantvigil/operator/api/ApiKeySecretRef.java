package io.qdrantvigil.operator.api;

public record ApiKeySecretRef(String name, String key) {}
