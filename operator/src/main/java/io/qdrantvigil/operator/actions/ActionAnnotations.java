package io.qdrantvigil.operator.actions;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** The {@code qdrantvigil.io/ACTION} annotations on a watch. */
public final class ActionAnnotations {

  public static final String PREFIX = "qdrantvigil.io/";

  private ActionAnnotations() {}

  /** The action annotations, sorted by key so requests written together run in a stable order. */
  public static SortedMap<String, String> of(ObjectMeta meta) {
    SortedMap<String, String> actions = new TreeMap<>();
    annotations(meta).forEach((key, value) -> {
      if (key.startsWith(PREFIX)) {
        actions.put(key, value);
      }
    });
    return actions;
  }

  /**
   * True when an action annotation was added or its value changed. Removals are ignored: the
   * operator removes each annotation it takes, and that must not start another reconcile.
   */
  public static boolean hasNewActionAnnotation(ObjectMeta oldMeta, ObjectMeta newMeta) {
    Map<String, String> before = annotations(oldMeta);
    return of(newMeta).entrySet().stream()
        .anyMatch(e -> !Objects.equals(before.get(e.getKey()), e.getValue()));
  }

  /** {@code qdrantvigil.io/delete-pod} → {@code delete-pod}. */
  public static String action(String key) {
    return key.substring(PREFIX.length());
  }

  /** The JSON Pointer (RFC 6901) of the annotation: {@code /} in the key becomes {@code ~1}. */
  public static String jsonPointer(String key) {
    return "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
  }

  private static Map<String, String> annotations(ObjectMeta meta) {
    return meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
  }
}
