package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.qdrant.PeerId;

/** One parsed action annotation. {@code recover}'s {@code url} may hold credentials: never log or record it. */
public sealed interface ActionRequest {

  String REMOVE_PEER = "remove-peer";
  String DELETE_POD = "delete-pod";
  String RESTART = "restart";
  String SCALE = "scale";
  String RECOVER = "recover";
  String POLL = "poll";
  String MOVE_SHARD = "move-shard";
  String REPLICATE_SHARD = "replicate-shard";
  String ABORT_TRANSFER = "abort-transfer";
  String DROP_REPLICA = "drop-replica";
  String CANCEL = "cancel";

  boolean dryRun();

  /**
   * The peer named by id ({@code pod} null) or by its pod ({@code peer} null). {@code dropData}: the
   * peer may take the only replica of a shard with it (said in words).
   */
  record RemovePeer(PeerId peer, String pod, boolean force, boolean dropData, boolean dryRun)
      implements ActionRequest {}

  record DeletePod(String pod, boolean force, boolean dryRun) implements ActionRequest {}

  /** {@code safe}: Qdrant-aware, one pod at a time, the leader last. */
  record Restart(String statefulSet, boolean safe, boolean dryRun) implements ActionRequest {}

  /** {@code drain}: each leaving pod is emptied before it goes. */
  record Scale(String statefulSet, int replicas, boolean drain, boolean force, boolean dryRun)
      implements ActionRequest {}

  /**
   * A shard operation: {@code move-shard}, {@code replicate-shard} and {@code abort-transfer} name
   * {@code from} and {@code to}; {@code drop-replica} names {@code peer} (in {@code from}). Peers are
   * pod names or peer ids; {@code method} may be null.
   */
  record ShardOperation(String action, String collection, long shard, String from, String to, String method,
      boolean force, boolean dryRun) implements ActionRequest {}

  record Cancel(boolean dryRun) implements ActionRequest {}

  /** {@code target} is a pod name or a peer id; {@code priority} and {@code checksum} may be null. */
  record Recover(String target, String collection, String url, String priority, String checksum, boolean dryRun)
      implements ActionRequest {

    @Override
    public String toString() {
      return "Recover[target=" + target + ", collection=" + collection + ", url=" + Redaction.url(url)
          + ", priority=" + priority + ", checksum=" + checksum + ", dryRun=" + dryRun + "]";
    }
  }

  record Poll(boolean dryRun) implements ActionRequest {}
}
