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

  boolean dryRun();

  record RemovePeer(PeerId peer, boolean force, boolean dryRun) implements ActionRequest {}

  record DeletePod(String pod, boolean force, boolean dryRun) implements ActionRequest {}

  record Restart(String statefulSet, boolean dryRun) implements ActionRequest {}

  record Scale(String statefulSet, int replicas, boolean force, boolean dryRun) implements ActionRequest {}

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
