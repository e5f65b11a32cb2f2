package io.qdrantvigil.operator.health;

import io.qdrantvigil.operator.qdrant.ClusterInfo;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which Raft leader the cluster has. The leader is the peer that the healthy nodes at the highest
 * term name ({@code leader} 0 or null means a node knows none); if they name different peers there
 * is no agreed leader. A node still claiming leadership at a lower term than the healthy nodes'
 * highest (a leader cut off from the majority) and nodes naming a different leader than the rest of
 * their term get a {@code ClusterSplit} warning. A failing node's term counts for nothing: an
 * isolated candidate whose term keeps rising must not make the real leader look cut off.
 */
public final class LeaderAgreement {

  private LeaderAgreement() {}

  /** One node's Raft view and whether the node is healthy (not Failing). */
  public record RaftView(String node, ClusterInfo.RaftInfo raft, PeerId peerId, boolean healthy) {}

  public record Result(PeerId leader, List<Problem> problems) {}

  public static Result decide(List<RaftView> views) {
    List<Problem> problems = new ArrayList<>();
    long highestTerm = highestHealthyTerm(views);
    for (RaftView view : views) {
      if (view.raft().claimsLeadership() && view.raft().term() < highestTerm) {
        problems.add(Problem.warning(view.node(), WarningTypes.CLUSTER_SPLIT,
            "still claims leadership at a lower term than the healthy nodes (a leader cut off from the majority)",
            "term " + view.raft().term() + ", healthy nodes at term " + highestTerm));
      }
    }
    problems.addAll(conflictingLeaders(views));
    return new Result(agreedLeader(views), problems);
  }

  private static PeerId agreedLeader(List<RaftView> views) {
    long highestTerm = highestHealthyTerm(views);
    Set<PeerId> named = views.stream().filter(RaftView::healthy)
        .filter(v -> v.raft().term() == highestTerm && v.raft().knowsLeader())
        .map(v -> v.raft().leader())
        .collect(Collectors.toSet());
    return named.size() == 1 ? named.iterator().next() : null;
  }

  private static long highestHealthyTerm(List<RaftView> views) {
    return views.stream().filter(RaftView::healthy).mapToLong(v -> v.raft().term()).max().orElse(0);
  }

  /** Within one term, nodes that name a leader other than the one most of that term names. */
  private static List<Problem> conflictingLeaders(List<RaftView> views) {
    List<Problem> problems = new ArrayList<>();
    Map<Long, List<RaftView>> byTerm = views.stream().filter(v -> v.raft().knowsLeader())
        .collect(Collectors.groupingBy(v -> v.raft().term(), TreeMap::new, Collectors.toList()));
    byTerm.forEach((term, sameTerm) -> {
      Map<PeerId, Long> votes = sameTerm.stream()
          .collect(Collectors.groupingBy(v -> v.raft().leader(), TreeMap::new, Collectors.counting()));
      if (votes.size() < 2) {
        return;
      }
      long top = votes.values().stream().max(Comparator.naturalOrder()).orElse(0L);
      List<PeerId> leaders = votes.entrySet().stream().filter(e -> e.getValue() == top).map(Map.Entry::getKey).toList();
      PeerId majorityLeader = leaders.size() == 1 ? leaders.get(0) : null;
      String summary = votes.keySet().stream().map(PeerId::toString).collect(Collectors.joining(", "));
      for (RaftView view : sameTerm) {
        if (!Objects.equals(view.raft().leader(), majorityLeader)) {
          problems.add(Problem.warning(view.node(), WarningTypes.CLUSTER_SPLIT,
              "names leader " + view.raft().leader() + " at term " + term
                  + " while nodes of the same term name different leaders (" + summary + ")", null));
        }
      }
    });
    return problems;
  }
}
