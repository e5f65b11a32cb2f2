package io.qdrantvigil.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.api.StatusWarning;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictEventTest {

  private static QdrantClusterWatchStatus status(String verdict, List<StatusWarning> warnings) {
    return new QdrantClusterWatchStatus(verdict, "2/3", 66.7, "1", warnings.size(), warnings, null, null, "pods",
        null, null, null, 1L);
  }

  @Test
  void aChangedVerdictNamesTheFirstWarningTheRootCause() {
    var degraded = status("Degraded", List.of(
        new StatusWarning("qdrant-2", "ConnectionError", "GET /cluster failed: Connection refused", null),
        new StatusWarning("qdrant-0", "MessageSendFailures", "failed sends to qdrant-2; that peer is down", null)));
    assertThat(VerdictEvent.between(status("Healthy", List.of()), degraded)).hasValueSatisfying(event -> {
      assertThat(event.type()).isEqualTo("Warning");
      assertThat(event.message()).isEqualTo(
          "Healthy -> Degraded (2/3 healthy): qdrant-2: ConnectionError: GET /cluster failed: Connection refused");
    });
  }

  @Test
  void anUnchangedVerdictIsNoEvent() {
    assertThat(VerdictEvent.between(status("Degraded", List.of()), status("Degraded", List.of()))).isEmpty();
  }
}
