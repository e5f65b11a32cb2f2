package io.qdrantvigil.operator.spec;

import java.text.ParseException;
import java.time.Duration;

/** Go-style durations ({@code 30s}, {@code 2m}, {@code 1m30s}, {@code 500ms}) as Kubernetes writes them. */
public final class SpecDurations {

  private SpecDurations() {}

  public static Duration parse(String field, String text, Duration fallback) throws InvalidSpecException {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String trimmed = text.trim();
    // fabric8's parser drops a leading minus sign, so "-5s" would pass as 5 s.
    if (trimmed.startsWith("-")) {
      throw new InvalidSpecException(field, "must not be negative, got '" + text + "'");
    }
    try {
      return io.fabric8.kubernetes.api.model.Duration.parse(trimmed).getDuration();
    } catch (ParseException | RuntimeException e) {
      throw new InvalidSpecException(field, "not a duration such as 30s or 2m: '" + text + "'");
    }
  }
}
