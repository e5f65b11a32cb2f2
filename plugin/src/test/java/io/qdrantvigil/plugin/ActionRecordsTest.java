package io.qdrantvigil.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActionRecordsTest {

  private static JsonValue record(String action, String request, String outcome, String time) {
    return JsonValue.parse("{\"action\": \"%s\", \"request\": \"%s\", \"outcome\": \"%s\", \"time\": \"%s\"}"
        .formatted(action, request, outcome, time));
  }

  @Test
  void aRecordThatWasThereBeforeTheWriteIsNotTheOutcome() {
    JsonValue old = record("poll", "now", "Succeeded", "2026-12-03T13:00:00Z");
    JsonValue fresh = record("poll", "now", "Succeeded", "2026-12-03T13:05:00Z");

    assertThat(ActionRecords.outcome(List.of(old), List.of(old), "poll", "now")).isEmpty();
    assertThat(ActionRecords.outcome(List.of(old), List.of(fresh, old), "poll", "now")).contains(fresh);
  }

  @Test
  void anIdenticalRecordTwiceIsNewTheSecondTime() {
    JsonValue same = record("poll", "now", "Succeeded", "2026-12-03T13:00:00Z");

    assertThat(ActionRecords.outcome(List.of(same), List.of(same, same), "poll", "now")).contains(same);
  }

  @Test
  void onlyTheActionAndRequestWrittenCount() {
    List<JsonValue> current = List.of(record("delete-pod", "qdrant-0", "Refused", "t2"),
        record("poll", "other", "Succeeded", "t1"));

    assertThat(ActionRecords.outcome(List.of(), current, "poll", "now")).isEmpty();
    assertThat(ActionRecords.outcome(List.of(), current, "delete-pod", "qdrant-0")).contains(current.get(0));
  }

  @Test
  void aRunningRecordReplacedByItsOutcomeIsFollowed() {
    JsonValue running = record("restart", "qdrant;safe", "Running", "t1");
    JsonValue done = record("restart", "qdrant;safe", "Succeeded", "t2");

    assertThat(ActionRecords.outcome(List.of(), List.of(running), "restart", "qdrant;safe").map(ActionRecords::running))
        .contains(true);
    assertThat(ActionRecords.outcome(List.of(), List.of(done), "restart", "qdrant;safe").map(ActionRecords::succeeded))
        .contains(true);
  }

  @Test
  void credentialsTheOperatorMaskedStillMatchTheValueWritten() {
    String written = "qdrant-0;collection=products;url=https://user:secret@s3.example/snap?X-Amz-Signature=abc&x=1";

    assertThat(ActionRecords.requestMatches(
        "qdrant-0;collection=products;url=https://***@s3.example/snap?X-Amz-Signature=***&x=1", written)).isTrue();
    assertThat(ActionRecords.requestMatches("qdrant-0;collection=products;url=***", written)).isTrue();
    assertThat(ActionRecords.requestMatches("qdrant-1;collection=products;url=***", written)).isFalse();
    assertThat(ActionRecords.requestMatches("a.b", "axb")).isFalse();
  }

  @Test
  void succeededAndDryRunAreSuccessEverythingElseIsNot() {
    for (String outcome : List.of("Succeeded", "DryRun")) {
      assertThat(ActionRecords.succeeded(record("poll", "x", outcome, "t"))).isTrue();
    }
    for (String outcome : List.of("Failed", "Refused", "Interrupted", "Cancelled", "Running")) {
      assertThat(ActionRecords.succeeded(record("poll", "x", outcome, "t"))).isFalse();
    }
  }
}
