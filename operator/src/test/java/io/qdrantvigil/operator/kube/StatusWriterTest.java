package io.qdrantvigil.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The 409 loop: re-read, re-apply the change to what is stored now, write again; a bounded number of times. */
@EnableKubernetesMockClient
class StatusWriterTest {

  private static final String PATH = "/apis/qdrantvigil.io/v1alpha1/namespaces/db/qdrantclusterwatches/prod";
  KubernetesClient client;
  KubernetesMockServer server;

  private static QdrantClusterWatch watch(String resourceVersion, String discovery) {
    QdrantClusterWatch watch = new QdrantClusterWatch();
    watch.getMetadata().setName("prod");
    watch.getMetadata().setNamespace("db");
    watch.getMetadata().setResourceVersion(resourceVersion);
    watch.setSpec(new QdrantClusterWatchSpec());
    watch.setStatus(new QdrantClusterWatchStatus(null, null, null, null, null, null, null, null, discovery, null,
        null, null, null));
    return watch;
  }

  private static QdrantClusterWatchStatus withLastPoll(QdrantClusterWatchStatus current, String time) {
    return new QdrantClusterWatchStatus(null, null, null, null, null, null, null, null,
        current == null ? null : current.discovery(), null, null, time, null);
  }

  @Test
  void aConflictIsReReadAndTheChangeAppliedToTheNewerStatus() {
    server.expect().put().withPath(PATH + "/status").andReturn(409, "{\"kind\":\"Status\",\"code\":409}").once();
    server.expect().get().withPath(PATH).andReturn(200, watch("2", "pods")).once();
    server.expect().put().withPath(PATH + "/status").andReturn(200, watch("3", "pods")).once();
    AtomicInteger applied = new AtomicInteger();
    QdrantClusterWatchStatus written = new StatusWriter(client).update(watch("1", "static"), current -> {
      applied.incrementAndGet();
      return withLastPoll(current, "2026-08-04T12:30:00Z");
    });
    assertThat(applied).hasValue(2);
    assertThat(written.discovery()).isEqualTo("pods");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void conflictsWithoutEndGiveUpAfterSixAttempts() {
    server.expect().put().withPath(PATH + "/status").andReturn(409, "{\"kind\":\"Status\",\"code\":409}").always();
    server.expect().get().withPath(PATH).andReturn(200, watch("2", "pods")).always();
    assertThatThrownBy(() -> new StatusWriter(client).update(watch("1", "static"),
        current -> withLastPoll(current, "2026-08-04T12:30:00Z")))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(server.getRequestCount()).isEqualTo(11);
  }

  @Test
  void anUnchangedStatusIsNotWritten() {
    QdrantClusterWatch known = watch("1", "pods");
    assertThat(new StatusWriter(client).update(known, current -> current)).isSameAs(known.getStatus());
    assertThat(server.getRequestCount()).isZero();
  }
}
