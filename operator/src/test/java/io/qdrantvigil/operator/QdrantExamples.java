package io.qdrantvigil.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Qdrant's real response shapes: the repository's copy of shared/qdrant/examples (in the sandbox's test resources). */
public final class QdrantExamples {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private QdrantExamples() {}

  public static Path dir() {
    String qdrant = System.getProperty("vigil.qdrant.dir", "../sandbox/src/test/resources/qdrant");
    return Path.of(qdrant, "examples");
  }

  public static JsonNode json(String name) {
    try {
      return MAPPER.readTree(Files.readString(dir().resolve(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An example with one field of its {@code result} replaced, e.g. a different peer id. */
  public static JsonNode withResult(String name, String field, JsonNode value) {
    JsonNode node = json(name);
    ((ObjectNode) node.get("result")).set(field, value);
    return node;
  }
}
