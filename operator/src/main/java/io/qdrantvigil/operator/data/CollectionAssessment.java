package io.qdrantvigil.operator.data;

import java.util.List;

/**
 * One collection judged: its state, shard count, replication factor (null when not read yet),
 * readable replicas on reachable peers over all replicas, running transfers and its problems.
 */
public record CollectionAssessment(String name, String state, int shards, Integer replicationFactor,
    int readableReplicas, int replicas, int transfers, List<String> problems) {

  public CollectionAssessment {
    problems = List.copyOf(problems);
  }
}
