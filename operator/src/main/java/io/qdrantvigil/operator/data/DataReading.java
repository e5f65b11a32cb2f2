package io.qdrantvigil.operator.data;

import java.util.List;
import java.util.Map;

/**
 * What the data probe brings back from one poll: the view (this poll's when {@code fresh}, else
 * the last one read, or null when none ever was), why it could not be read ({@code error}), the
 * replication factors known, the view differences the cross-check holds, and how many requests
 * the poll cost.
 */
public record DataReading(DataView view, boolean fresh, String error, Map<String, Integer> replicationFactors,
    List<ViewDifference> differences, int requests) {

  public DataReading {
    replicationFactors = Map.copyOf(replicationFactors);
    differences = List.copyOf(differences);
    error = Texts.cut(error);
  }
}
