package io.qdrantvigil.sandbox.world;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Kubernetes' label selector semantics: every {@code matchLabels} entry and every expression must hold. */
final class LabelSelectors {

  private LabelSelectors() {}

  /** A null selector, or one with neither labels nor expressions. */
  static boolean isEmpty(LabelSelector selector) {
    return selector == null || (empty(selector.getMatchLabels()) && empty(selector.getMatchExpressions()));
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
        .allMatch(e -> e.getValue().equals(actual.get(e.getKey())))) {
      return false;
    }
    return selector.getMatchExpressions() == null
        || selector.getMatchExpressions().stream().allMatch(r -> holds(r, actual));
  }

  private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new IllegalArgumentException("unknown selector operator " + requirement.getOperator());
    };
  }

  private static boolean empty(Map<?, ?> map) {
    return map == null || map.isEmpty();
  }

  private static boolean empty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
