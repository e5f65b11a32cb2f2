package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.QdrantExamples;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The shared examples' peers (qdrant-0..2) and small builders for constructed placements. */
final class Placements {

  static final PeerId P0 = new PeerId(5214719862031498L);
  static final PeerId P1 = new PeerId(8735617003849162L);
  static final PeerId P2 = new PeerId(1187436102589467L);
  static final Instant T0 = Instant.parse("2026-08-04T12:30:00Z");
  static final Duration STUCK_AFTER = Duration.ofMinutes(15);

  private Placements() {}

  static DataView telemetry(String example) {
    return TelemetryViewParser.parse(QdrantExamples.json(example), "qdrant-0", T0);
  }

  static Replica replica(PeerId peer, String state) {
    return new Replica(peer, state);
  }

  static Shard shard(long id, Replica... replicas) {
    return new Shard(id, null, Arrays.asList(replicas));
  }

  static CollectionPlacement collection(String name, List<Transfer> transfers, Shard... shards) {
    return new CollectionPlacement(name, Arrays.asList(shards), transfers);
  }

  static CollectionPlacement collection(String name, Shard... shards) {
    return collection(name, List.of(), shards);
  }

  /** Pods qdrant-0..2 are the three peers; {@code down} are down; factors as given. */
  static DataContext context(Set<PeerId> down, Map<String, Integer> factors, Instant now) {
    Map<PeerId, String> names = Map.of(P0, "qdrant-0", P1, "qdrant-1", P2, "qdrant-2");
    return new DataContext(Set.of(P0, P1, P2), down, names, names, true, Set.of(P0, P1, P2), true, factors,
        STUCK_AFTER, now);
  }

  static DataContext context(Set<PeerId> down, Map<String, Integer> factors) {
    return context(down, factors, T0);
  }

  static DataReading fresh(DataView view, Map<String, Integer> factors) {
    return new DataReading(view, true, null, factors, List.of(), 1);
  }
}
