package io.qdrantvigil.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SendFailureFreshnessTest {

  private static final Instant LAST_UPDATE = Instant.parse("2026-08-04T12:35:20Z");

  @Test
  void lessThanFiveSecondsOlderIsFresh() {
    assertThat(SendFailureFreshness.isFresh(LAST_UPDATE.minusMillis(4_999), LAST_UPDATE)).isTrue();
    assertThat(SendFailureFreshness.isFresh(LAST_UPDATE.plusSeconds(1), LAST_UPDATE)).isTrue();
  }

  @Test
  void fiveSecondsOrMoreOlderIsStale() {
    assertThat(SendFailureFreshness.isFresh(LAST_UPDATE.minusSeconds(5), LAST_UPDATE)).isFalse();
    assertThat(SendFailureFreshness.isFresh(LAST_UPDATE.minusMillis(8_516), LAST_UPDATE)).isFalse();
  }

  @Test
  void aMissingTimeCountsAsFresh() {
    assertThat(SendFailureFreshness.isFresh(null, LAST_UPDATE)).isTrue();
    assertThat(SendFailureFreshness.isFresh(LAST_UPDATE, null)).isTrue();
  }
}
