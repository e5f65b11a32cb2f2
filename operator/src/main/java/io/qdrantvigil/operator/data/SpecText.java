package io.qdrantvigil.operator.data;

import java.time.Duration;

/** Durations written the way a spec writes them ({@code 15m}, {@code 90s}, {@code 1h}). */
final class SpecText {

  private SpecText() {}

  static String duration(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds % 3600 == 0 && seconds > 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0 && seconds > 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
