package io.qdrantvigil.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Whatever a poll throws, JOSDK is told not to retry on its own schedule (5 tries, then 10 hours of
 * silence) but to poll again after the watch's interval.
 */
class ReconcileErrorPathTest {

  private final QdrantClusterWatchReconciler reconciler =
      new QdrantClusterWatchReconciler(null, null, null, null, null, null, null, null);

  private static QdrantClusterWatch watch(String interval) {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName("prod");
    watch.getMetadata().setNamespace("db");
    watch.setSpec(new QdrantClusterWatchSpec(null, null, null, interval, null, null, null, null));
    return watch;
  }

  @Test
  void aRefusedStatusWriteIsPolledAgainAfterTheInterval() {
    ErrorStatusUpdateControl<QdrantClusterWatch> control = reconciler.updateErrorStatus(watch("5s"), null,
        new KubernetesClientException("connection refused"));
    assertThat(control.isNoRetry()).isTrue();
    assertThat(control.isDefaultErrorProcessing()).isFalse();
    assertThat(control.getResource()).isEmpty();
    assertThat(control.getScheduleDelay()).contains(Duration.ofSeconds(5).toMillis());
  }

  @Test
  void aWatchWhoseIntervalCannotBeReadIsPolledAgainAfterTheDefault() {
    ErrorStatusUpdateControl<QdrantClusterWatch> control = reconciler.updateErrorStatus(watch("abc"), null,
        new IllegalStateException("anything"));
    assertThat(control.getScheduleDelay()).contains(Duration.ofSeconds(120).toMillis());
  }
}
