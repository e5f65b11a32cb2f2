package io.qdrantvigil.plugin;

import java.time.Instant;
import java.util.Optional;

/**
 * What the plugin may say a watch's state is right now: the verdict when the status is current,
 * {@code Stale} when the operator has not polled for too long (the old verdict is not repeated as
 * current), {@code InvalidSpec} when the operator refuses the spec, {@code Pending} before any poll.
 */
record Verdict(String word, Optional<Freshness> freshness, String lastVerdict) {

  static final String STALE = "Stale";
  static final String PENDING = "Pending";
  static final String INVALID_SPEC = "InvalidSpec";

  static Verdict of(JsonValue watch, Instant now) {
    JsonValue status = watch.get("status");
    String verdict = status.get("clusterStatus").text();
    Optional<Freshness> freshness = Freshness.of(watch, now);
    if (freshness.isPresent() && freshness.get().stale()) {
      return new Verdict(STALE, freshness, verdict);
    }
    if (INVALID_SPEC.equals(readyReason(watch))) {
      return new Verdict(INVALID_SPEC, freshness, verdict);
    }
    if (verdict == null) {
      return new Verdict(PENDING, freshness, null);
    }
    return new Verdict(verdict, freshness, verdict);
  }

  boolean stale() {
    return STALE.equals(word);
  }

  static String readyReason(JsonValue watch) {
    return ready(watch).get("reason").text();
  }

  static JsonValue ready(JsonValue watch) {
    return watch.path("status", "conditions").items().stream()
        .filter(c -> "Ready".equals(c.get("type").text()))
        .findFirst()
        .orElse(JsonValue.of(null));
  }
}
