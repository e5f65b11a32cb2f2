package io.qdrantvigil.operator.spec;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.qdrantvigil.operator.api.ApiKeySecretRef;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;

/** A watch's spec, validated and with the contract's defaults applied. */
public record WatchSettings(
    LabelSelector selector,
    List<String> nodes,
    Integer port,
    Duration interval,
    Duration timeout,
    ApiKeySecretRef apiKeySecretRef,
    String container,
    boolean actionsEnabled,
    Duration stuckAfter,
    Duration stepTimeout) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(120);
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_STUCK_AFTER = Duration.ofMinutes(15);
  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(10);
  public static final int DEFAULT_PORT = 6333;
  private static final Set<String> SELECTOR_OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  public static WatchSettings from(QdrantClusterWatchSpec spec) throws InvalidSpecException {
    QdrantClusterWatchSpec s = spec == null ? new QdrantClusterWatchSpec() : spec;
    Duration interval = SpecDurations.parse("spec.interval", s.interval(), DEFAULT_INTERVAL);
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      throw new InvalidSpecException("spec.interval", "must be at least 5s, got '" + s.interval() + "'");
    }
    Duration timeout = SpecDurations.parse("spec.timeout", s.timeout(), DEFAULT_TIMEOUT);
    if (timeout.isZero()) {
      throw new InvalidSpecException("spec.timeout", "must be greater than 0");
    }
    if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new InvalidSpecException("spec.timeout", "must be at most 5m, got '" + s.timeout() + "'");
    }
    if (s.port() != null && (s.port() < 1 || s.port() > 65535)) {
      throw new InvalidSpecException("spec.port", "must be between 1 and 65535, got " + s.port());
    }
    List<String> nodes = s.nodes() == null ? List.of() : List.copyOf(s.nodes());
    for (int i = 0; i < nodes.size(); i++) {
      checkUrl("spec.nodes[" + i + "]", nodes.get(i));
    }
    ApiKeySecretRef ref = s.apiKeySecretRef();
    if (ref != null && (blank(ref.name()) || blank(ref.key()))) {
      throw new InvalidSpecException("spec.apiKeySecretRef", "needs both name and key");
    }
    LabelSelector selector = s.selector() == null ? defaultSelector() : s.selector();
    checkSelector(selector);
    Duration stuckAfter = SpecDurations.parse("spec.stuckAfter", s.stuckAfter(), DEFAULT_STUCK_AFTER);
    if (stuckAfter.isZero()) {
      throw new InvalidSpecException("spec.stuckAfter", "must be greater than 0");
    }
    Duration stepTimeout = SpecDurations.parse("spec.stepTimeout", s.stepTimeout(), DEFAULT_STEP_TIMEOUT);
    if (stepTimeout.isZero()) {
      throw new InvalidSpecException("spec.stepTimeout", "must be greater than 0");
    }
    boolean actionsEnabled = s.actions() == null || s.actions().enabled() == null || s.actions().enabled();
    return new WatchSettings(selector, nodes, s.port(), interval, timeout, ref,
        blank(s.container()) ? null : s.container(), actionsEnabled, stuckAfter, stepTimeout);
  }

  /** The spec's interval when it reads as one of at least 5 s, else the default: how often an invalid spec is re-checked. */
  public static Duration intervalOrDefault(QdrantClusterWatchSpec spec) {
    try {
      Duration interval = SpecDurations.parse("spec.interval", spec == null ? null : spec.interval(), DEFAULT_INTERVAL);
      return interval.compareTo(MIN_INTERVAL) < 0 ? DEFAULT_INTERVAL : interval;
    } catch (InvalidSpecException e) {
      return DEFAULT_INTERVAL;
    }
  }

  private static LabelSelector defaultSelector() {
    return new LabelSelectorBuilder().addToMatchLabels("app", "qdrant").build();
  }

  private static void checkUrl(String field, String url) throws InvalidSpecException {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
    if (parsed == null || !url.trim().matches("(?i)https?://.+")) {
      throw new InvalidSpecException(field, "not an http(s) URL such as http://10.0.0.5:6333: '" + url + "'");
    }
  }

  private static void checkSelector(LabelSelector selector) throws InvalidSpecException {
    boolean noLabels = selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty();
    boolean noExpressions = selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty();
    if (noLabels && noExpressions) {
      throw new InvalidSpecException("spec.selector",
          "an empty selector {} would take every pod of the namespace; name the cluster's labels, e.g. app: qdrant");
    }
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement requirement = expressions.get(i);
      if (blank(requirement.getKey()) || !SELECTOR_OPERATORS.contains(requirement.getOperator())) {
        throw new InvalidSpecException("spec.selector.matchExpressions[" + i + "]",
            "needs a key and an operator of In, NotIn, Exists, DoesNotExist");
      }
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
