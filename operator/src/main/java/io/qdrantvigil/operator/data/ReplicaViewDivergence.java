package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A node whose replica states for a collection differ from the chosen node's view: it has not
 * applied what the others did (lagging, or cut off). The warning is on that node.
 */
public final class ReplicaViewDivergence {

  private ReplicaViewDivergence() {}

  /** How {@code other}'s replica states differ from {@code chosen}'s, or empty when they agree. */
  public static Optional<String> compare(CollectionPlacement chosen, CollectionPlacement other, String chosenNode,
      Function<PeerId, String> display) {
    Map<String, String> mine = states(chosen);
    Map<String, String> theirs = states(other);
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, String> entry : theirs.entrySet()) {
      String expected = mine.get(entry.getKey());
      if (!entry.getValue().equals(expected)) {
        differences.add(label(entry.getKey(), display) + " " + entry.getValue() + " here, "
            + (expected == null ? "absent" : expected) + " on " + chosenNode);
      }
    }
    mine.keySet().stream().filter(k -> !theirs.containsKey(k))
        .forEach(k -> differences.add(label(k, display) + " absent here, " + mine.get(k) + " on " + chosenNode));
    return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
  }

  public static List<DataFinding> find(List<ViewDifference> differences) {
    return differences.stream()
        .map(d -> DataFinding.about(DataWarningTypes.REPLICA_VIEW_DIVERGENCE, d.node(), d.collection(), null,
            "its replica states of " + d.collection() + " differ from the chosen node's view: " + d.description()))
        .toList();
  }

  /** Keys "shard/peer" in shard then peer order, so descriptions are stable. */
  private static Map<String, String> states(CollectionPlacement placement) {
    Map<String, String> states = new TreeMap<>();
    for (Shard shard : placement.shards()) {
      for (Replica replica : shard.replicas()) {
        states.put(String.format("%020d/%s", shard.id(), replica.peer()), replica.state());
      }
    }
    return states;
  }

  private static String label(String key, Function<PeerId, String> display) {
    int slash = key.indexOf('/');
    long shard = Long.parseLong(key.substring(0, slash));
    return "shard " + shard + " on " + display.apply(PeerId.parse(key.substring(slash + 1)));
  }
}
