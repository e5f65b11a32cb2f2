package io.qdrantvigil.operator.data;

import java.time.Instant;

/**
 * What the operator remembers of one transfer, since Qdrant reports no ages: when it was first
 * and last seen, its last progress mark and when that last changed, how often it came back after
 * being gone, and whether the last view had it.
 */
public record TransferSighting(Transfer.TransferKey key, Instant firstSeen, Instant lastSeen, String progress,
    Instant progressAt, int returns, boolean present) {

  public TransferSighting {
    progress = Texts.cut(progress);
  }
}
