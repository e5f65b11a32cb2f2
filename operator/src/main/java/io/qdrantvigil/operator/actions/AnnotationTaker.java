package io.qdrantvigil.operator.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes a request by removing its annotation with a JSON Patch that first tests the value, so a
 * value changed in between is never removed unseen. (Server-side apply cannot do this: it cannot
 * remove a field that {@code kubectl annotate} owns.)
 */
final class AnnotationTaker {

  static final String SUPERSEDED = "the annotation was changed or removed before the operator took it; "
      + "this value was not run (a new value is a new request)";

  private final KubernetesClient client;

  AnnotationTaker(KubernetesClient client) {
    this.client = client;
  }

  /** Why a request was not taken: Kubernetes' text, and whether the same value is still on the watch. */
  record NotTaken(String kubernetesMessage, boolean stillThere) {}

  /** Empty when taken. */
  Optional<NotTaken> take(QdrantClusterWatch watch, String key, String value) {
    String path = ActionAnnotations.jsonPointer(key);
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    patch.addObject().put("op", "test").put("path", path).put("value", value);
    patch.addObject().put("op", "remove").put("path", path);
    try {
      client.resources(QdrantClusterWatch.class).inNamespace(watch.getMetadata().getNamespace())
          .withName(watch.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON), patch.toString());
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return Optional.of(new NotTaken(KubernetesErrors.message(e), stillThere(watch, key, value)));
    }
  }

  /**
   * The HTTP code of a failed test has varied between Kubernetes versions, so the annotation is read
   * again instead: a different value (or none) means the user superseded this one; the same value
   * (or a watch that cannot be read) means Kubernetes refused the removal.
   */
  private boolean stillThere(QdrantClusterWatch watch, String key, String value) {
    try {
      QdrantClusterWatch now = client.resources(QdrantClusterWatch.class)
          .inNamespace(watch.getMetadata().getNamespace()).withName(watch.getMetadata().getName()).get();
      if (now == null) {
        return false;
      }
      Map<String, String> annotations = now.getMetadata().getAnnotations();
      return Objects.equals(annotations == null ? null : annotations.get(key), value);
    } catch (KubernetesClientException again) {
      return true;
    }
  }
}
