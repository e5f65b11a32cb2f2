package io.qdrantvigil.operator.health;

import java.time.Duration;
import java.time.Instant;

/**
 * A send failure is active when its latest error is less than 5 s older than the node's consensus
 * {@code last_update} (or newer, or either time is missing); 5 s or more older, it is a frozen entry
 * Qdrant never cleans up. The tolerance covers the 1-2 s a live failure trails {@code last_update}.
 */
public final class SendFailureFreshness {

  public static final Duration STALE_AFTER = Duration.ofSeconds(5);

  private SendFailureFreshness() {}

  public static boolean isFresh(Instant latestErrorTimestamp, Instant lastUpdate) {
    if (latestErrorTimestamp == null || lastUpdate == null) {
      return true;
    }
    return latestErrorTimestamp.isAfter(lastUpdate.minus(STALE_AFTER));
  }
}
