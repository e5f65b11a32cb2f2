package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's data placement as one node told it. {@code via} says how it was read
 * ({@link #TELEMETRY} or {@link #COLLECTIONS}); {@code responsive} is the telemetry's per-peer
 * reachability, empty with the per-collection fallback, which does not say.
 */
public record DataView(String node, String via, List<CollectionPlacement> collections,
    Map<PeerId, Boolean> responsive, Instant readAt) {

  public static final String TELEMETRY = "telemetry";
  public static final String COLLECTIONS = "collections";

  public DataView {
    collections = List.copyOf(collections);
    responsive = Map.copyOf(responsive);
  }

  public Optional<CollectionPlacement> collection(String name) {
    return collections.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
