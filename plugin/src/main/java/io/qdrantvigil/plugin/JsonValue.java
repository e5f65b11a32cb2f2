package io.qdrantvigil.plugin;

import java.util.List;
import java.util.Map;

/** A read-only path into parsed JSON where a missing field is a value too: rendering never meets null. */
final class JsonValue {

  private static final JsonValue MISSING = new JsonValue(null);

  private final Object value;

  private JsonValue(Object value) {
    this.value = value;
  }

  static JsonValue of(Object parsed) {
    return parsed == null ? MISSING : new JsonValue(parsed);
  }

  static JsonValue parse(String text) {
    return of(Json.parse(text));
  }

  /** Indented JSON of this value. */
  String json() {
    return Json.write(value);
  }

  JsonValue get(String key) {
    return value instanceof Map<?, ?> map ? of(map.get(key)) : MISSING;
  }

  /** {@code get("a").get("b")...} */
  JsonValue path(String... keys) {
    JsonValue current = this;
    for (String key : keys) {
      current = current.get(key);
    }
    return current;
  }

  List<JsonValue> items() {
    return value instanceof List<?> list ? list.stream().map(JsonValue::of).toList() : List.of();
  }

  boolean present() {
    return value != null;
  }

  boolean isTrue() {
    return Boolean.TRUE.equals(value);
  }

  /** A string, a number's text or a boolean's; null when missing or not a scalar. */
  String text() {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Json.Num n) {
      return n.text();
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    return null;
  }

  String textOr(String fallback) {
    String text = text();
    return text == null || text.isEmpty() ? fallback : text;
  }
}
