package io.qdrantvigil.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code status.dataMemo}: the ages the stuck rules measure (Qdrant reports none), kept in the
 * status so that they survive operator restarts. Bounded; not meant for reading.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DataMemoStatus(List<Transfer> transfers, List<Replica> replicas) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Transfer(String collection, Long shard, String from, String to, String firstSeen, String lastSeen,
      String progress, String progressAt, Integer returns, Boolean present) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Replica(String collection, Long shard, String peer, String state, String since) {}
}
