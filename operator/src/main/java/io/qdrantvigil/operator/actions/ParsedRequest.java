package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.status.StatusLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One annotation read: the action, its value parsed (or why it does not parse), the request as it
 * is recorded (secrets hidden, cut) and the secrets to hide from any text about it.
 */
record ParsedRequest(String action, ActionRequest parsed, ActionRefused mistake, String recorded,
    List<String> secrets) {

  static ParsedRequest of(String key, String value, String apiKey) {
    String action = ActionAnnotations.action(key);
    ActionRequest parsed = null;
    ActionRefused mistake = null;
    try {
      parsed = ActionParser.parse(action, value);
    } catch (ActionRefused e) {
      mistake = e;
    }
    List<String> secrets = new ArrayList<>(Redaction.secretsOf(value));
    secrets.add(apiKey);
    return new ParsedRequest(action, parsed, mistake, StatusLimits.cut(Redaction.request(value, mistake == null)),
        secrets.stream().filter(Objects::nonNull).toList());
  }

  /** The request, or the refusal that names the mistake in its value. */
  ActionRequest request() throws ActionRefused {
    if (mistake != null) {
      throw mistake;
    }
    return parsed;
  }
}
