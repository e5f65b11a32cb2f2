package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.qdrant.PeerId;

/** One replica of a shard: the peer that hosts it and the state Qdrant reports for it. */
public record Replica(PeerId peer, String state) {

  public Replica {
    state = Texts.cut(state);
  }
}
