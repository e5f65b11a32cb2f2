package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.health.Problem;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs the data rules over a reading. Peers the telemetry found unresponsive, and (pods tier)
 * orphan peers, count as down. A view that could not be read this poll is still shown, judged
 * per collection, but {@code data.state} is Unknown and its only warning is DataViewUnavailable
 * (none when no node was healthy to read it from: the node warnings say why).
 */
public final class DataAssessor {

  private DataAssessor() {}

  public static DataAssessment assess(DataReading reading, DataContext base, DataMemo previous) {
    DataView view = reading.view();
    if (view == null) {
      List<Problem> warnings = reading.error() == null ? List.of()
          : List.of(DataViewUnavailable.finding(reading.error(), null).toProblem());
      return new DataAssessment(DataStates.UNKNOWN, warnings, List.of(), List.of(), 0, 0, 0, 0, Map.of(), Map.of(),
          Map.of(), previous, null, List.of(), Set.of());
    }
    Set<PeerId> alsoDown = new HashSet<>(OrphanPeer.orphans(base));
    view.responsive().forEach((peer, responsive) -> {
      if (!responsive) {
        alsoDown.add(peer);
      }
    });
    DataContext context = base.withDown(alsoDown);
    List<CollectionPlacement> collections = view.collections();
    DataMemo memo = reading.fresh() ? previous.observe(collections, context.now(), context.stuckAfter()) : previous;

    List<DataFinding> findings = new ArrayList<>();
    findings.addAll(ShardUnavailable.find(collections, context));
    findings.addAll(OrphanPeer.find(collections, context));
    findings.addAll(DeadReplica.find(collections, context));
    findings.addAll(StuckTransfer.find(collections, memo, context));
    findings.addAll(StuckReplica.find(collections, memo, context));
    findings.addAll(UnderReplicated.find(collections, context));
    findings.addAll(OrphanReplica.find(collections, context));
    findings.addAll(ReplicaViewDivergence.find(reading.differences()));
    findings.addAll(NoRedundancy.find(collections, context));
    findings.sort(Comparator.comparingInt(f -> DataWarningTypes.ORDER.indexOf(f.type())));

    List<CollectionAssessment> judged = collections.stream().map(c -> judge(c, findings, context))
        .sorted(Comparator.comparingInt((CollectionAssessment c) -> DataStates.worstFirst(c.state()))
            .thenComparing(CollectionAssessment::name))
        .toList();
    List<TransferAssessment> transfers = new ArrayList<>();
    for (CollectionPlacement c : collections) {
      for (Transfer t : c.transfers()) {
        TransferSighting sighting = memo.sighting(t.key(c.name()));
        transfers.add(new TransferAssessment(c.name(), t, context.display(t.from()), context.display(t.to()), sighting == null ? view.readAt() : sighting.firstSeen(),
            StuckTransfer.stuck(sighting, context)));
      }
    }

    int unreadable = (int) findings.stream().filter(f -> f.type().equals(DataWarningTypes.SHARD_UNAVAILABLE)).count();
    String state = !reading.fresh() ? DataStates.UNKNOWN
        : unreadable > 0 ? DataStates.UNAVAILABLE
        : findings.isEmpty() ? DataStates.HEALTHY : DataStates.AT_RISK;
    List<Problem> warnings = reading.fresh() ? findings.stream().map(DataFinding::toProblem).toList()
        : reading.error() == null ? List.of()
        : List.of(DataViewUnavailable.finding(reading.error(), view.readAt()).toProblem());

    Map<String, Integer> byState = new TreeMap<>();
    Map<PeerId, Integer> perPeer = new TreeMap<>();
    Map<PeerId, Integer> deadPerPeer = new TreeMap<>();
    int shards = 0;
    int readable = 0;
    int replicas = 0;
    for (CollectionPlacement c : collections) {
      for (Shard s : c.shards()) {
        shards++;
        for (Replica r : s.replicas()) {
          replicas++;
          readable += context.readable(r) ? 1 : 0;
          byState.merge(r.state(), 1, Integer::sum);
          perPeer.merge(r.peer(), 1, Integer::sum);
          if (ReplicaStates.DEAD.equals(r.state())) {
            deadPerPeer.merge(r.peer(), 1, Integer::sum);
          }
        }
      }
    }
    return new DataAssessment(state, warnings, judged, transfers, shards, unreadable, readable, replicas, byState,
        perPeer, deadPerPeer, memo, reading.fresh() ? null : view.readAt(),
        reading.fresh() ? collections : List.of(), context.downPeers());
  }

  private static CollectionAssessment judge(CollectionPlacement collection, List<DataFinding> findings,
      DataContext context) {
    List<DataFinding> own = findings.stream().filter(f -> f.collections().contains(collection.name())).toList();
    String state = own.stream().anyMatch(DataFinding::failing) ? DataStates.UNAVAILABLE
        : own.isEmpty() ? DataStates.HEALTHY : DataStates.AT_RISK;
    Set<String> problems = own.stream().map(DataFinding::shortText).collect(Collectors.toCollection(LinkedHashSet::new));
    int readable = (int) collection.shards().stream().flatMap(s -> s.replicas().stream()).filter(context::readable)
        .count();
    return new CollectionAssessment(collection.name(), state, collection.shards().size(),
        context.replicationFactor(collection.name()), readable, collection.replicaCount(),
        collection.transfers().size(), problems.stream().limit(10).toList());
  }
}
