package io.qdrantvigil.operator.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which (collection, node) pairs the cross-check asks this poll: first the pairs that diverged
 * last time (so a divergence goes as soon as it heals), then the next ones in a fixed order from
 * where the last poll stopped, so that every node's view of every collection is compared within
 * pairs/limit polls.
 */
final class CrossCheckRotation {

  record Pair(String collection, String node) {}

  private int cursor;

  List<Pair> next(List<String> collections, List<String> nodes, Set<Pair> recheck, int limit) {
    List<Pair> all = new ArrayList<>();
    for (String collection : collections.stream().sorted().toList()) {
      for (String node : nodes.stream().sorted().toList()) {
        all.add(new Pair(collection, node));
      }
    }
    Set<Pair> chosen = new LinkedHashSet<>();
    recheck.stream().filter(all::contains).sorted((a, b) -> all.indexOf(a) - all.indexOf(b)).limit(limit)
        .forEach(chosen::add);
    if (all.isEmpty()) {
      return List.copyOf(chosen);
    }
    int start = cursor % all.size();
    for (int i = 0; i < all.size() && chosen.size() < limit; i++) {
      chosen.add(all.get((start + i) % all.size()));
      cursor = (start + i + 1) % all.size();
    }
    return List.copyOf(chosen);
  }
}
