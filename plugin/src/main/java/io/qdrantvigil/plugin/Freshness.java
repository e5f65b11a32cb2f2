package io.qdrantvigil.plugin;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Whether a status is current, by the contract's rule: stale when {@code lastPollTime} is older
 * than {@code max(3 × interval, 2m) + timeout} (spec defaults 120 s and 5 s).
 */
record Freshness(Instant lastPoll, Duration age, Duration limit, boolean stale) {

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(120);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration MIN_WINDOW = Duration.ofMinutes(2);

  /** Empty when the watch has no (readable) {@code lastPollTime}: it was never polled. */
  static Optional<Freshness> of(JsonValue watch, Instant now) {
    String lastPollText = watch.path("status", "lastPollTime").text();
    if (lastPollText == null) {
      return Optional.empty();
    }
    Instant lastPoll;
    try {
      lastPoll = Instant.parse(lastPollText);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    Duration limit = limit(watch.path("spec", "interval").text(), watch.path("spec", "timeout").text());
    Duration age = Duration.between(lastPoll, now);
    return Optional.of(new Freshness(lastPoll, age, limit, age.compareTo(limit) > 0));
  }

  static Duration limit(String interval, String timeout) {
    Duration every = GoDuration.parse(interval).orElse(DEFAULT_INTERVAL);
    Duration deadline = GoDuration.parse(timeout).orElse(DEFAULT_TIMEOUT);
    Duration window = every.multipliedBy(3);
    return (window.compareTo(MIN_WINDOW) > 0 ? window : MIN_WINDOW).plus(deadline);
  }
}
