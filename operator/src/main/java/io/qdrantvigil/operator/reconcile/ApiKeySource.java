package io.qdrantvigil.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.api.ApiKeySecretRef;
import io.qdrantvigil.operator.spec.InvalidSpecException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads the Qdrant API key from the Secret the spec names. The key itself is never logged. */
final class ApiKeySource {

  private final KubernetesClient client;

  ApiKeySource(KubernetesClient client) {
    this.client = client;
  }

  String apiKey(String namespace, ApiKeySecretRef ref) throws InvalidSpecException {
    if (ref == null) {
      return null;
    }
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.name()).get();
    if (secret == null) {
      throw new InvalidSpecException("spec.apiKeySecretRef", "Secret " + namespace + "/" + ref.name() + " not found");
    }
    if (secret.getData() != null && secret.getData().containsKey(ref.key())) {
      return new String(Base64.getDecoder().decode(secret.getData().get(ref.key())), StandardCharsets.UTF_8).trim();
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(ref.key())) {
      return secret.getStringData().get(ref.key()).trim();
    }
    throw new InvalidSpecException("spec.apiKeySecretRef",
        "Secret " + namespace + "/" + ref.name() + " has no key '" + ref.key() + "'");
  }
}
