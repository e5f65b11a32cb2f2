package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.qdrant.PeerId;

/**
 * A running shard transfer. {@code sync} true is a replication (the source keeps its replica),
 * false a move; {@code comment} is Qdrant's progress text, null when the node gave none.
 */
public record Transfer(long shardId, PeerId from, PeerId to, boolean sync, String method, String comment) {

  public Transfer {
    method = Texts.cut(method);
    comment = Texts.cut(comment);
  }

  /** Identity across polls: the same shard moving between the same two peers. */
  public TransferKey key(String collection) {
    return new TransferKey(collection, shardId, from, to);
  }

  /** The comment without its timers and ETA, so that it changes only when the transfer moves on. */
  public String progressMark() {
    if (comment == null) {
      return "";
    }
    return comment.replaceAll("\\s*\\(\\d+(\\.\\d+)?s\\)", "").replaceAll(",?\\s*ETA: [^|]*", "").trim();
  }

  public record TransferKey(String collection, long shardId, PeerId from, PeerId to) {}
}
