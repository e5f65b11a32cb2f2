package io.qdrantvigil.operator.data;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Replication factors per collection, read when a collection first appears and again after 10 minutes. */
final class ReplicationFactorCache {

  static final Duration MAX_AGE = Duration.ofMinutes(10);

  private record Entry(int factor, Instant readAt) {}

  private final Map<String, Entry> entries = new HashMap<>();

  boolean due(String collection, Instant now) {
    Entry entry = entries.get(collection);
    return entry == null || !entry.readAt().plus(MAX_AGE).isAfter(now);
  }

  void put(String collection, int factor, Instant now) {
    entries.put(collection, new Entry(factor, now));
  }

  void keepOnly(Collection<String> collections) {
    Set<String> keep = Set.copyOf(collections);
    entries.keySet().removeIf(name -> !keep.contains(name));
  }

  Map<String, Integer> factors() {
    Map<String, Integer> factors = new HashMap<>();
    entries.forEach((name, entry) -> factors.put(name, entry.factor()));
    return factors;
  }
}
