package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionHistoryTest {

  private static final ActionRecord RUNNING =
      new ActionRecord("delete-pod", "qdrant-1", "Running", "taken", "2025-11-25T06:00:00Z");
  private static final ActionRecord OLDER =
      new ActionRecord("poll", "now", "Succeeded", "polled", "2025-11-25T05:00:00Z");

  private static QdrantClusterWatchStatus status(ActionRecord... records) {
    return ActionHistory.add(null, OLDER).withActions(List.of(records));
  }

  @Test
  void addPutsTheNewestFirstAndKeepsTwenty() {
    QdrantClusterWatchStatus status = null;
    for (int i = 0; i < 25; i++) {
      status = ActionHistory.add(status, new ActionRecord("poll", "n" + i, "Succeeded", "polled", "t" + i));
    }
    assertThat(status.actions()).hasSize(20);
    assertThat(status.actions().get(0).request()).isEqualTo("n24");
    assertThat(status.actions().get(19).request()).isEqualTo("n5");
  }

  @Test
  void addKeepsTheRestOfTheStatus() {
    QdrantClusterWatchStatus polled = new QdrantClusterWatchStatus("Healthy", "3/3", 100.0, "1", 0, null, null, null,
        "pods", null, null, "2025-11-25T06:00:00Z", 3L);
    QdrantClusterWatchStatus after = ActionHistory.add(polled, RUNNING);
    assertThat(after.clusterStatus()).isEqualTo("Healthy");
    assertThat(after.observedGeneration()).isEqualTo(3L);
    assertThat(after.actions()).containsExactly(RUNNING);
  }

  @Test
  void finishReplacesTheRunningRecordInPlace() {
    ActionRecord newer = new ActionRecord("poll", "x", "Succeeded", "polled", "2025-11-25T06:01:00Z");
    ActionRecord done = new ActionRecord("delete-pod", "qdrant-1", "Succeeded", "pod qdrant-1 deleted",
        "2025-11-25T06:00:02Z");
    assertThat(ActionHistory.finish(status(newer, RUNNING, OLDER), RUNNING, done).actions())
        .containsExactly(newer, done, OLDER);
  }

  @Test
  void finishAddsTheOutcomeWhenTheRunningRecordIsGone() {
    ActionRecord done = new ActionRecord("delete-pod", "qdrant-1", "Succeeded", "deleted", "2025-11-25T06:00:02Z");
    assertThat(ActionHistory.finish(status(OLDER), RUNNING, done).actions()).containsExactly(done, OLDER);
  }

  @Test
  void describeChangesOnlyTheMessageOfTheRunningRecord() {
    QdrantClusterWatchStatus after = ActionHistory.describe(status(RUNNING, OLDER), RUNNING, "recovering");
    assertThat(after.actions().get(0))
        .isEqualTo(new ActionRecord("delete-pod", "qdrant-1", "Running", "recovering", RUNNING.time()));
    assertThat(after.actions().get(1)).isEqualTo(OLDER);
  }

  @Test
  void runningRecordsNotOursBecomeInterrupted() {
    ActionRecord ours = new ActionRecord("recover", "qdrant-0;collection=c;url=https://***@h/s", "Running",
        "recover collection c", "2025-11-25T06:02:00Z");
    QdrantClusterWatchStatus after = ActionHistory.interruptOrphans(status(ours, RUNNING, OLDER), ours::equals,
        "2025-11-25T07:00:00Z");
    assertThat(after.actions()).containsExactly(ours,
        new ActionRecord("delete-pod", "qdrant-1", "Interrupted",
            "the operator stopped before this request finished; it was not retried", "2025-11-25T07:00:00Z"),
        OLDER);
  }

  @Test
  void withoutOrphansTheStatusIsReturnedAsItIs() {
    QdrantClusterWatchStatus status = status(RUNNING, OLDER);
    assertThat(ActionHistory.interruptOrphans(status, r -> true, "now")).isSameAs(status);
    assertThat(ActionHistory.interruptOrphans(null, r -> false, "now")).isNull();
  }

  @Test
  void recordedMatchesEverythingButTheTime() {
    QdrantClusterWatchStatus status = status(OLDER);
    assertThat(ActionHistory.recorded(status, new ActionRecord("poll", "now", "Succeeded", "polled", "other")))
        .isTrue();
    assertThat(ActionHistory.recorded(status, new ActionRecord("poll", "now", "Refused", "polled", "other")))
        .isFalse();
    assertThat(ActionHistory.recorded(null, OLDER)).isFalse();
  }
}
