package io.qdrantvigil.operator.health;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Split detection across the nodes that answered {@code /cluster}: the membership (peers plus
 * itself) held by a strict majority of them is the cluster's view; with no strict majority the
 * largest membership wins (then the one more nodes hold, then the lowest ids, so the choice is stable).
 * Every node whose membership differs gets a failing {@code ClusterSplit}.
 */
public final class MembershipSplit {

  private MembershipSplit() {}

  /** {@code memberships}: node name to the membership it reports. */
  public static Result detect(Map<String, Set<PeerId>> memberships) {
    if (memberships.isEmpty()) {
      return new Result(Set.of(), List.of());
    }
    Map<Set<PeerId>, Long> holders = memberships.values().stream()
        .collect(Collectors.groupingBy(s -> s, LinkedHashMap::new, Collectors.counting()));
    Set<PeerId> view = holders.entrySet().stream()
        .filter(e -> e.getValue() * 2 > memberships.size())
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseGet(() -> largest(holders));
    List<Problem> problems = new ArrayList<>();
    memberships.forEach((node, membership) -> {
      if (!membership.equals(view)) {
        problems.add(Problem.failing(node, WarningTypes.CLUSTER_SPLIT, describe(membership, view), null));
      }
    });
    return new Result(view, problems);
  }

  private static Set<PeerId> largest(Map<Set<PeerId>, Long> holders) {
    Comparator<Map.Entry<Set<PeerId>, Long>> bySize = Comparator.comparingInt(e -> e.getKey().size());
    Comparator<Map.Entry<Set<PeerId>, Long>> byHolders = Comparator.comparingLong(Map.Entry::getValue);
    Comparator<Map.Entry<Set<PeerId>, Long>> byLowestIds = Comparator.comparing(
        e -> e.getKey().toString(), Comparator.reverseOrder());
    return holders.entrySet().stream()
        .max(bySize.thenComparing(byHolders).thenComparing(byLowestIds))
        .orElseThrow()
        .getKey();
  }

  private static String describe(Set<PeerId> membership, Set<PeerId> view) {
    Set<PeerId> missing = new TreeSet<>(view);
    missing.removeAll(membership);
    Set<PeerId> unexpected = new TreeSet<>(membership);
    unexpected.removeAll(view);
    StringBuilder text = new StringBuilder("membership differs from the cluster's view of ")
        .append(view.size()).append(" peers");
    if (!missing.isEmpty()) {
      text.append("; missing peers ").append(join(missing));
    }
    if (!unexpected.isEmpty()) {
      text.append("; unexpected peers ").append(join(unexpected));
    }
    return text.toString();
  }

  private static String join(Set<PeerId> ids) {
    return ids.stream().map(PeerId::toString).collect(Collectors.joining(", "));
  }

  /** The cluster's membership view and the split problems. */
  public record Result(Set<PeerId> view, List<Problem> problems) {}
}
