package io.qdrantvigil.operator.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdrantvigil.operator.qdrant.InvalidResponseException;

/** Reads {@code result.config.params.replication_factor} of {@code GET /collections/{name}} (API.md 14.1). */
public final class ReplicationFactorParser {

  private ReplicationFactorParser() {}

  public static int parse(JsonNode body) {
    JsonNode factor = DataJson.result(body, "/collections/{name}").path("config").path("params")
        .path("replication_factor");
    if (!factor.isIntegralNumber() || factor.asLong() < 1 || !factor.canConvertToInt()) {
      throw new InvalidResponseException("config.params.replication_factor is not a positive integer: "
          + Texts.cut(factor.toString()));
    }
    return factor.asInt();
  }
}
