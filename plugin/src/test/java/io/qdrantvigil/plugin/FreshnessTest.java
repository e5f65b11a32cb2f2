package io.qdrantvigil.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FreshnessTest {

  private static boolean staleAfter(String interval, String timeout, Duration age) {
    Instant now = Instant.parse("2026-12-03T13:00:00Z");
    JsonValue watch = JsonValue.parse("""
        {"spec": {%s}, "status": {"lastPollTime": "%s"}}
        """.formatted(
        (interval == null ? "" : "\"interval\": \"" + interval + "\"")
            + (interval != null && timeout != null ? ", " : "")
            + (timeout == null ? "" : "\"timeout\": \"" + timeout + "\""),
        now.minus(age)));
    return Freshness.of(watch, now).orElseThrow().stale();
  }

  @Test
  void shortIntervalsGetTwoMinutesPlusTheTimeout() {
    assertThat(staleAfter("5s", "5s", Duration.ofSeconds(125))).isFalse();
    assertThat(staleAfter("5s", "5s", Duration.ofSeconds(126))).isTrue();
  }

  @Test
  void longIntervalsGetThreeIntervalsPlusTheTimeout() {
    assertThat(staleAfter("10m", "30s", Duration.ofSeconds(1830))).isFalse();
    assertThat(staleAfter("10m", "30s", Duration.ofSeconds(1831))).isTrue();
  }

  @Test
  void specDefaultsAre120sAnd5s() {
    assertThat(Freshness.limit(null, null)).isEqualTo(Duration.ofSeconds(365));
    assertThat(staleAfter(null, null, Duration.ofSeconds(365))).isFalse();
    assertThat(staleAfter(null, null, Duration.ofSeconds(366))).isTrue();
    assertThat(Freshness.limit("abc", "-1s")).isEqualTo(Duration.ofSeconds(365));
  }

  @Test
  void neverPolledHasNoFreshness() {
    assertThat(Freshness.of(JsonValue.parse("{\"status\": {}}"), Instant.now())).isEmpty();
    assertThat(Freshness.of(JsonValue.parse("{\"status\": {\"lastPollTime\": \"soon\"}}"), Instant.now())).isEmpty();
  }
}
