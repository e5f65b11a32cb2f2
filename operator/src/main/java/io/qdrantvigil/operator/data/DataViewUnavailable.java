package io.qdrantvigil.operator.data;

import java.time.Instant;

/** The data view could not be read this poll: data.state is Unknown and the last view is kept, dated. */
public final class DataViewUnavailable {

  private DataViewUnavailable() {}

  public static DataFinding finding(String error, Instant lastViewAt) {
    return DataFinding.about(DataWarningTypes.DATA_VIEW_UNAVAILABLE, null, null, null,
        "the data view could not be read: " + error
            + (lastViewAt == null ? "; no earlier view" : "; showing the view read at " + lastViewAt));
  }
}
