package io.qdrantvigil.sandbox.world;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;

/**
 * A pod template's revision name as the real StatefulSet controller forms it: the set's name and a hash of
 * the template (FNV-1a, 32 bits), its decimal digits encoded with Kubernetes' safe alphabet.
 */
final class PodTemplateRevision {

  private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private PodTemplateRevision() {}

  static String of(String setName, PodTemplateSpec template) {
    byte[] bytes = Serialization.asJson(template).getBytes(StandardCharsets.UTF_8);
    int hash = 0x811c9dc5;
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    StringBuilder encoded = new StringBuilder();
    for (char c : Integer.toUnsignedString(hash).toCharArray()) {
      encoded.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length()));
    }
    return setName + "-" + encoded;
  }
}
