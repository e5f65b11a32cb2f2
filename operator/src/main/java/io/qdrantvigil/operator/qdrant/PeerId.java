package io.qdrantvigil.operator.qdrant;

/**
 * A Qdrant peer id: an unsigned 64-bit integer (legacy ids exceed 2^63), held in a {@code long}
 * and only ever parsed and printed as unsigned, never through {@code double}.
 */
public record PeerId(long bits) implements Comparable<PeerId> {

  /** Parses decimal text such as a {@code peers} map key or a JSON number's text. */
  public static PeerId parse(String text) {
    try {
      return new PeerId(Long.parseUnsignedLong(text.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a peer id (unsigned 64-bit integer): " + text, e);
    }
  }

  /** Raft uses 0 for "no leader". */
  public boolean isNone() {
    return bits == 0;
  }

  @Override
  public int compareTo(PeerId other) {
    return Long.compareUnsigned(bits, other.bits);
  }

  @Override
  public String toString() {
    return Long.toUnsignedString(bits);
  }
}
