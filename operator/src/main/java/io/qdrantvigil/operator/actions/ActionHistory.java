package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.status.StatusLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pure changes of {@code status.actions}, for {@code StatusWriter.update}: newest first, at most
 * {@link StatusLimits#MAX_ACTIONS}. A Running record is found again by action, request and time.
 */
public final class ActionHistory {

  public static final String INTERRUPTED_MESSAGE =
      "the operator stopped before this request finished; it was not retried";

  private static final Pattern PROGRESS = Pattern.compile("\\d+/\\d+ ");

  private ActionHistory() {}

  public static QdrantClusterWatchStatus add(QdrantClusterWatchStatus status, ActionRecord record) {
    List<ActionRecord> actions = Stream.concat(Stream.of(record), actions(status).stream())
        .limit(StatusLimits.MAX_ACTIONS)
        .toList();
    return orEmpty(status).withActions(actions);
  }

  /** Puts {@code outcome} in the place of the Running record it ends; first when that record is gone. */
  public static QdrantClusterWatchStatus finish(QdrantClusterWatchStatus status, ActionRecord running,
      ActionRecord outcome) {
    List<ActionRecord> actions = new ArrayList<>(actions(status));
    for (int i = 0; i < actions.size(); i++) {
      if (sameRequest(actions.get(i), running) && ActionOutcome.RUNNING.equals(actions.get(i).outcome())) {
        actions.set(i, outcome);
        return orEmpty(status).withActions(List.copyOf(actions));
      }
    }
    return add(status, outcome);
  }

  /** Replaces the message of a Running record (a background action saying what it is doing). */
  public static QdrantClusterWatchStatus describe(QdrantClusterWatchStatus status, ActionRecord running,
      String message) {
    List<ActionRecord> actions = actions(status).stream()
        .map(a -> sameRequest(a, running) && ActionOutcome.RUNNING.equals(a.outcome())
            ? new ActionRecord(a.action(), a.request(), a.outcome(), message, a.time()) : a)
        .toList();
    return actions.equals(actions(status)) ? status : orEmpty(status).withActions(actions);
  }

  /** Running records that {@code ours} does not claim: a previous operator process took them. */
  public static List<ActionRecord> orphans(QdrantClusterWatchStatus status, Predicate<ActionRecord> ours) {
    return actions(status).stream()
        .filter(a -> ActionOutcome.RUNNING.equals(a.outcome()) && !ours.test(a))
        .toList();
  }

  /** Every orphan becomes Interrupted; the status is returned as it is when there is none. */
  public static QdrantClusterWatchStatus interruptOrphans(QdrantClusterWatchStatus status,
      Predicate<ActionRecord> ours, String now) {
    if (orphans(status, ours).isEmpty()) {
      return status;
    }
    List<ActionRecord> actions = actions(status).stream()
        .map(a -> ActionOutcome.RUNNING.equals(a.outcome()) && !ours.test(a)
            ? new ActionRecord(a.action(), a.request(), ActionOutcome.INTERRUPTED, interruptedMessage(a), now) : a)
        .toList();
    return status.withActions(actions);
  }

  /**
   * A multi-step action says what it had done (its Running message starts with its progress,
   * {@code 1/3 pods restarted ...}); the steps done are never repeated.
   */
  public static String interruptedMessage(ActionRecord running) {
    String message = running.message();
    if (message != null && PROGRESS.matcher(message).lookingAt()) {
      return StatusLimits.cut(INTERRUPTED_MESSAGE + "; when it stopped: " + message);
    }
    return INTERRUPTED_MESSAGE;
  }

  /** Whether a record like this one, whatever its time, is there (an applied annotation is refused once). */
  public static boolean recorded(QdrantClusterWatchStatus status, ActionRecord like) {
    return actions(status).stream().anyMatch(a -> Objects.equals(like.action(), a.action())
        && Objects.equals(like.request(), a.request()) && Objects.equals(like.outcome(), a.outcome())
        && Objects.equals(like.message(), a.message()));
  }

  public static boolean sameRequest(ActionRecord a, ActionRecord b) {
    return Objects.equals(a.action(), b.action()) && Objects.equals(a.request(), b.request())
        && Objects.equals(a.time(), b.time());
  }

  private static List<ActionRecord> actions(QdrantClusterWatchStatus status) {
    return status == null || status.actions() == null ? List.of() : status.actions();
  }

  private static QdrantClusterWatchStatus orEmpty(QdrantClusterWatchStatus status) {
    return status != null ? status
        : new QdrantClusterWatchStatus(null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
