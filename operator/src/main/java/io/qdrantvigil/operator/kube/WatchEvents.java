package io.qdrantvigil.operator.kube;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.status.StatusLimits;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on a watch. An Event that cannot be written is logged, never fatal. */
public final class WatchEvents {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
  private static final Logger LOG = LoggerFactory.getLogger(WatchEvents.class);
  private static final String COMPONENT = "qdrant-vigil";

  private final KubernetesClient client;

  public WatchEvents(KubernetesClient client) {
    this.client = client;
  }

  public void emit(QdrantClusterWatch watch, String type, String reason, String message) {
    String namespace = watch.getMetadata().getNamespace();
    String now = Instant.now().toString();
    try {
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata()
          .withName(watch.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13))
          .withNamespace(namespace)
          .endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(watch.getApiVersion())
              .withKind(watch.getKind())
              .withName(watch.getMetadata().getName())
              .withNamespace(namespace)
              .withUid(watch.getMetadata().getUid())
              .build())
          .withType(type)
          .withReason(reason)
          .withMessage(StatusLimits.cut(message))
          .withFirstTimestamp(now)
          .withLastTimestamp(now)
          .withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .build()).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not write Event {} on {}/{}: {}", reason, namespace, watch.getMetadata().getName(), e.getMessage());
    }
  }
}
