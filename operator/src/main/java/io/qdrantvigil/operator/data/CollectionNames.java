package io.qdrantvigil.operator.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The collection names of a {@code GET /collections} answer, sorted; none when the answer has another shape. */
public final class CollectionNames {

  private CollectionNames() {}

  public static List<String> of(JsonNode body) {
    List<String> names = new ArrayList<>();
    if (body == null) {
      return names;
    }
    for (JsonNode collection : body.path("result").path("collections")) {
      JsonNode name = collection.get("name");
      if (name != null && name.isTextual()) {
        names.add(name.asText());
      }
    }
    names.sort(null);
    return names;
  }
}
