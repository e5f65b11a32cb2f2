package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.Set;

/** Qdrant's replica states as the data view classes them (API.md 4.1). */
public final class ReplicaStates {

  public static final String ACTIVE = "Active";
  public static final String DEAD = "Dead";
  public static final String PARTIAL = "Partial";
  public static final String RECOVERY = "Recovery";
  public static final String MANUAL_RECOVERY = "ManualRecovery";
  public static final String INITIALIZING = "Initializing";

  /** States that serve reads, as long as the replica's peer is up. */
  private static final Set<String> READABLE = Set.of(ACTIVE, "ActiveRead", "ReshardingScaleDown");
  /** States a replica passes through; one held longer than stuckAfter with no transfer towards it is stuck. */
  private static final Set<String> TRANSITIONAL = Set.of(PARTIAL, RECOVERY, MANUAL_RECOVERY, INITIALIZING);

  private ReplicaStates() {}

  public static boolean readable(String state) {
    return READABLE.contains(state);
  }

  /**
   * A replica serves reads when its state says so and its peer is not down (Qdrant keeps a dead
   * peer's last replica Active).
   */
  public static boolean readable(Replica replica, Set<PeerId> downPeers) {
    return readable(replica.state()) && !downPeers.contains(replica.peer());
  }

  public static boolean transitional(String state) {
    return TRANSITIONAL.contains(state);
  }
}
