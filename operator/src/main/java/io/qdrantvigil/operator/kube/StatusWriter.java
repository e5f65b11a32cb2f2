package io.qdrantvigil.operator.kube;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the operator writes a watch's status: a change function applied to the latest
 * status and written through the status subresource with the resource version, re-read and
 * re-applied on 409. Polls and actions both go through it, serialized per watch, so neither
 * overwrites the other's part. When the change returns the status unchanged, nothing is written.
 */
public final class StatusWriter {

  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);
  private static final int ATTEMPTS = 6;

  private final KubernetesClient client;
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Applies {@code change} to the watch's current status and writes the result when it differs.
   * {@code known} is the caller's copy (e.g. from the informer cache), tried first. Returns the
   * status now stored, or null when the watch is gone.
   */
  public QdrantClusterWatchStatus update(QdrantClusterWatch known, UnaryOperator<QdrantClusterWatchStatus> change) {
    String key = known.getMetadata().getNamespace() + "/" + known.getMetadata().getName();
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      QdrantClusterWatch current = known;
      for (int attempt = 1; ; attempt++) {
        QdrantClusterWatchStatus next = change.apply(current.getStatus());
        if (Objects.equals(next, current.getStatus())) {
          return next;
        }
        try {
          QdrantClusterWatch body = copyWithStatus(current, next);
          QdrantClusterWatch written = client.resources(QdrantClusterWatch.class)
              .inNamespace(current.getMetadata().getNamespace())
              .resource(body)
              .updateStatus();
          return written.getStatus();
        } catch (KubernetesClientException e) {
          if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
            throw e;
          }
          LOG.debug("status of {} changed under us (409), re-reading, attempt {}", key, attempt);
          current = client.resources(QdrantClusterWatch.class).inNamespace(current.getMetadata().getNamespace())
              .withName(current.getMetadata().getName()).get();
          if (current == null) {
            return null;
          }
        }
      }
    }
  }

  private static QdrantClusterWatch copyWithStatus(QdrantClusterWatch current, QdrantClusterWatchStatus status) {
    QdrantClusterWatch body = new QdrantClusterWatch();
    body.setMetadata(new ObjectMetaBuilder()
        .withName(current.getMetadata().getName())
        .withNamespace(current.getMetadata().getNamespace())
        .withResourceVersion(current.getMetadata().getResourceVersion())
        .build());
    body.setSpec(current.getSpec());
    body.setStatus(status);
    return body;
  }
}
