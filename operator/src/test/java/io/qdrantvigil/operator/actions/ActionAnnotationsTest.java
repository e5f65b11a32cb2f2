package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionAnnotationsTest {

  private static ObjectMeta meta(Map<String, String> annotations) {
    return new ObjectMetaBuilder().withName("prod").withAnnotations(annotations).build();
  }

  @Test
  void onlyQdrantVigilAnnotationsSortedByKey() {
    ObjectMeta meta = meta(Map.of("qdrantvigil.io/scale", "qdrant=5", "qdrantvigil.io/delete-pod", "qdrant-1",
        "other.io/x", "y", "kubectl.kubernetes.io/last-applied-configuration", "{}"));
    assertThat(ActionAnnotations.of(meta)).containsExactly(
        Map.entry("qdrantvigil.io/delete-pod", "qdrant-1"), Map.entry("qdrantvigil.io/scale", "qdrant=5"));
    assertThat(ActionAnnotations.of(new ObjectMeta())).isEmpty();
  }

  @Test
  void anAddedOrChangedActionAnnotationIsNew() {
    ObjectMeta none = meta(Map.of("other.io/x", "y"));
    ObjectMeta one = meta(Map.of("other.io/x", "y", "qdrantvigil.io/delete-pod", "qdrant-1"));
    ObjectMeta changed = meta(Map.of("other.io/x", "y", "qdrantvigil.io/delete-pod", "qdrant-2"));
    assertThat(ActionAnnotations.hasNewActionAnnotation(none, one)).isTrue();
    assertThat(ActionAnnotations.hasNewActionAnnotation(one, changed)).isTrue();
    assertThat(ActionAnnotations.hasNewActionAnnotation(new ObjectMeta(), one)).isTrue();
  }

  @Test
  void aRemovedOrUnchangedActionAnnotationOrAnotherAnnotationIsNotNew() {
    ObjectMeta one = meta(Map.of("other.io/x", "y", "qdrantvigil.io/delete-pod", "qdrant-1"));
    ObjectMeta removed = meta(Map.of("other.io/x", "y"));
    ObjectMeta otherChanged = meta(Map.of("other.io/x", "z", "qdrantvigil.io/delete-pod", "qdrant-1"));
    assertThat(ActionAnnotations.hasNewActionAnnotation(one, removed)).isFalse();
    assertThat(ActionAnnotations.hasNewActionAnnotation(one, one)).isFalse();
    assertThat(ActionAnnotations.hasNewActionAnnotation(one, otherChanged)).isFalse();
    assertThat(ActionAnnotations.hasNewActionAnnotation(one, new ObjectMeta())).isFalse();
  }

  @Test
  void theJsonPointerEscapesTheSlashOfTheKey() {
    assertThat(ActionAnnotations.jsonPointer("qdrantvigil.io/delete-pod"))
        .isEqualTo("/metadata/annotations/qdrantvigil.io~1delete-pod");
    assertThat(ActionAnnotations.action("qdrantvigil.io/delete-pod")).isEqualTo("delete-pod");
  }
}
