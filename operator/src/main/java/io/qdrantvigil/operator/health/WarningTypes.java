package io.qdrantvigil.operator.health;

/** The contract's warning and error types. */
public final class WarningTypes {
  public static final String CONSENSUS_THREAD_ERROR = "ConsensusThreadError";
  public static final String MESSAGE_SEND_FAILURES = "MessageSendFailures";
  public static final String COLLECTIONS_FETCH_ERROR = "CollectionsFetchError";
  public static final String INVALID_RESPONSE = "InvalidResponse";
  public static final String VERSION_UNKNOWN = "VersionUnknown";
  public static final String QDRANT_ISSUE = "QdrantIssue";
  public static final String POD_NOT_RUNNING = "PodNotRunning";
  public static final String CLUSTER_SPLIT = "ClusterSplit";
  public static final String NO_LEADER = "NoLeader";
  public static final String NO_NODES = "NoNodesFound";
  public static final String INVALID_NODE_ENTRY = "InvalidNodeEntry";

  private WarningTypes() {}
}
