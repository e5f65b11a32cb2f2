package io.qdrantvigil.operator.status;

import io.qdrantvigil.operator.api.CollectionSummary;
import io.qdrantvigil.operator.api.DataSummary;
import io.qdrantvigil.operator.api.TransferView;
import io.qdrantvigil.operator.data.CollectionAssessment;
import io.qdrantvigil.operator.data.DataAssessment;
import io.qdrantvigil.operator.data.Texts;
import io.qdrantvigil.operator.data.TransferAssessment;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a data assessment into the status fields: {@code data}, {@code collections} (worst first,
 * at most 50, the rest counted), {@code transfers} (stuck first, at most 20) and the memo.
 * Transfer progress and the memo's sightings move at every poll; {@link PollStatusChange} leaves
 * them out of the comparison that decides whether a poll writes.
 */
public final class DataStatusComposer {

  public static final int MAX_COLLECTIONS = 50;
  public static final int MAX_TRANSFERS = 20;

  private DataStatusComposer() {}

  public static DataStatus compose(DataAssessment assessment) {
    List<CollectionSummary> collections = assessment.collections().stream()
        .limit(MAX_COLLECTIONS)
        .map(DataStatusComposer::summary)
        .toList();
    int omitted = assessment.collections().size() - collections.size();
    List<TransferView> transfers = assessment.transfers().stream()
        .sorted(Comparator.comparing((TransferAssessment t) -> !t.stuck()).thenComparing(TransferAssessment::firstSeen))
        .limit(MAX_TRANSFERS)
        .map(DataStatusComposer::view)
        .toList();
    DataSummary data = new DataSummary(assessment.state(), assessment.collections().size(), assessment.shards(),
        assessment.readableReplicas() + "/" + assessment.replicas(), assessment.transfers().size(),
        assessment.viewTime() == null ? null : assessment.viewTime().toString());
    return new DataStatus(data, collections, omitted == 0 ? null : omitted, transfers,
        DataMemoCodec.write(assessment.memo()));
  }

  private static CollectionSummary summary(CollectionAssessment c) {
    return new CollectionSummary(Texts.cut(c.name()), c.state(), c.shards(), c.replicationFactor(),
        c.readableReplicas() + "/" + c.replicas(), c.transfers(), c.problems());
  }

  private static TransferView view(TransferAssessment t) {
    return new TransferView(Texts.cut(t.collection()), t.transfer().shardId(), t.from(), t.to(),
        t.transfer().method(), Texts.cut(t.transfer().comment()), t.firstSeen().toString());
  }
}
