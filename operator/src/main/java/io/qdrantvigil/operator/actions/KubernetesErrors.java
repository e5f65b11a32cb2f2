package io.qdrantvigil.operator.actions;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Kubernetes' own text for a failed call (its Status message), not the client's wrapping of it. */
final class KubernetesErrors {

  private KubernetesErrors() {}

  static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
      return e.getStatus().getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
