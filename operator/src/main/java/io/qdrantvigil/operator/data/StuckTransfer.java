package io.qdrantvigil.operator.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A running transfer whose progress has not moved for {@code stuckAfter}, or that came back three
 * times or more (Qdrant retries a failing transfer, aborts it, and a Dead target asks again), on
 * its destination node. Ages come from the memo, already updated with this view.
 */
public final class StuckTransfer {

  public static final int RETURNS = 3;

  private StuckTransfer() {}

  public static boolean stuck(TransferSighting sighting, DataContext context) {
    return sighting != null && (sighting.returns() >= RETURNS
        || !sighting.progressAt().plus(context.stuckAfter()).isAfter(context.now()));
  }

  public static List<DataFinding> find(List<CollectionPlacement> collections, DataMemo memo, DataContext context) {
    List<DataFinding> findings = new ArrayList<>();
    for (CollectionPlacement collection : collections) {
      for (Transfer transfer : collection.transfers()) {
        TransferSighting sighting = memo.sighting(transfer.key(collection.name()));
        if (stuck(sighting, context)) {
          String why = sighting.returns() >= RETURNS
              ? "came back " + sighting.returns() + " times (Qdrant retries, then aborts; see the source's logs)"
              : "has made no progress for more than " + SpecText.duration(context.stuckAfter())
                  + " (seen since " + sighting.firstSeen() + "; abort-transfer and retry, or check both nodes)";
          findings.add(DataFinding.about(DataWarningTypes.STUCK_TRANSFER, context.nodeOf(transfer.to()),
              collection.name(), transfer.shardId(), "transfer of " + collection.name() + " shard "
                  + transfer.shardId() + " from " + context.display(transfer.from()) + " to "
                  + context.display(transfer.to()) + (transfer.method() == null ? "" : " (" + transfer.method() + ")")
                  + " " + why));
        }
      }
    }
    return findings;
  }
}
