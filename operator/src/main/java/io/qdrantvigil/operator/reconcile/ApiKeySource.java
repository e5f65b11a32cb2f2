package io.qdrantvigil.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.qdrantvigil.operator.api.ApiKeySecretRef;
import io.qdrantvigil.operator.spec.InvalidSpecException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the Qdrant API key from the Secret the spec names, which must carry the label
 * {@code qdrantvigil.io/api-key: "true"}: only someone who may write that Secret can let the
 * operator send its value to a node. The labelled Secrets come from the informer's cache; a
 * Secret missing there is read once to say whether it is absent or lacks the label. The key
 * itself is never logged.
 */
final class ApiKeySource {

  static final String LABEL = "qdrantvigil.io/api-key";
  static final String LABEL_SELECTOR = LABEL + "=true";

  private final KubernetesClient client;
  private final Function<ResourceID, Optional<Secret>> labelledSecrets;

  ApiKeySource(KubernetesClient client, Function<ResourceID, Optional<Secret>> labelledSecrets) {
    this.client = client;
    this.labelledSecrets = labelledSecrets;
  }

  String apiKey(String namespace, ApiKeySecretRef ref) throws InvalidSpecException {
    if (ref == null) {
      return null;
    }
    Secret secret = labelledSecrets.apply(new ResourceID(ref.name(), namespace))
        .orElseGet(() -> client.secrets().inNamespace(namespace).withName(ref.name()).get());
    String name = "Secret " + namespace + "/" + ref.name();
    if (secret == null) {
      throw new InvalidSpecException("spec.apiKeySecretRef", name + " not found");
    }
    if (!labelled(secret)) {
      throw new InvalidSpecException("spec.apiKeySecretRef", name + " lacks the label " + LABEL
          + ": \"true\" (only Secrets so labelled are sent to Qdrant nodes)");
    }
    if (secret.getData() != null && secret.getData().containsKey(ref.key())) {
      return new String(Base64.getDecoder().decode(secret.getData().get(ref.key())), StandardCharsets.UTF_8).trim();
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(ref.key())) {
      return secret.getStringData().get(ref.key()).trim();
    }
    throw new InvalidSpecException("spec.apiKeySecretRef", name + " has no key '" + ref.key() + "'");
  }

  private static boolean labelled(Secret secret) {
    return secret.getMetadata().getLabels() != null && "true".equals(secret.getMetadata().getLabels().get(LABEL));
  }
}
