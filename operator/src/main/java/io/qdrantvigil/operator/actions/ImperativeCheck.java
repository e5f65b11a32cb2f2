package io.qdrantvigil.operator.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * Did an action annotation come through {@code kubectl apply} or a GitOps tool? Client-side apply
 * leaves it in {@code kubectl.kubernetes.io/last-applied-configuration}; server-side apply (Argo
 * CD's and Flux's default) leaves a managed-fields entry with operation {@code Apply} owning it.
 * {@code kubectl annotate} does neither (it is an {@code Update}).
 */
public final class ImperativeCheck {

  public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ImperativeCheck() {}

  public static boolean cameThroughApply(ObjectMeta meta, String key) {
    return inLastApplied(meta, key) || ownedByApply(meta, key);
  }

  private static boolean inLastApplied(ObjectMeta meta, String key) {
    Map<String, String> annotations = meta.getAnnotations();
    String lastApplied = annotations == null ? null : annotations.get(LAST_APPLIED);
    if (lastApplied == null) {
      return false;
    }
    try {
      return MAPPER.readTree(lastApplied).path("metadata").path("annotations").has(key);
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static boolean ownedByApply(ObjectMeta meta, String key) {
    List<ManagedFieldsEntry> entries = meta.getManagedFields() == null ? List.of() : meta.getManagedFields();
    return entries.stream()
        .filter(e -> "Apply".equals(e.getOperation()) && e.getFieldsV1() != null)
        .anyMatch(e -> fields(e).path("f:metadata").path("f:annotations").has("f:" + key));
  }

  private static JsonNode fields(ManagedFieldsEntry entry) {
    return MAPPER.valueToTree(entry.getFieldsV1());
  }
}
