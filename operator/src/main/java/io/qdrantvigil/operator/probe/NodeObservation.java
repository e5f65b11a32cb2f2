package io.qdrantvigil.operator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.qdrant.Fetch;

/** What one poll heard from one node: the four GETs, each a value or a classified failure. */
public record NodeObservation(
    NodeTarget target,
    Fetch<JsonNode> cluster,
    Fetch<JsonNode> root,
    Fetch<JsonNode> collections,
    Fetch<JsonNode> issues) {}
