package io.qdrantvigil.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** What the user asks to watch. Defaults are applied by {@code WatchSettings}, not by the API server. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QdrantClusterWatchSpec(
    @JsonPropertyDescription("Pods of the cluster in the watch's namespace "
        + "(default app: qdrant; an empty selector is refused).")
    LabelSelector selector,
    @JsonPropertyDescription("Qdrant nodes outside Kubernetes, e.g. http://10.0.0.5:6333; used when no pod matches.")
    List<String> nodes,
    @JsonPropertyDescription("Qdrant REST port on pods (default: the container port named http, else 6333).")
    Integer port,
    @JsonPropertyDescription("Time between polls, e.g. 30s or 2m (default 120s, at least 5s).")
    String interval,
    @JsonPropertyDescription("Deadline of each HTTP request to a node (default 5s, at most 5m).")
    String timeout,
    @JsonPropertyDescription("Secret in the watch's namespace holding the Qdrant API key; "
        + "it must be labelled qdrantvigil.io/api-key: \"true\".")
    ApiKeySecretRef apiKeySecretRef,
    @JsonPropertyDescription("Container named in exec and logs commands (default qdrant, else the pod's first).")
    String container,
    @JsonPropertyDescription("Action annotations; enabled: false makes the watch read-only.")
    ActionsSpec actions,
    @JsonPropertyDescription("A shard transfer or a transitional replica older than this without progress is stuck"
        + " (default 15m).")
    String stuckAfter,
    @JsonPropertyDescription("The longest a multi-step action (restart;safe, scale;drain) waits for one step"
        + " (default 10m).")
    String stepTimeout) {

  public QdrantClusterWatchSpec() {
    this(null, null, null, null, null, null, null, null);
  }

  public QdrantClusterWatchSpec(LabelSelector selector, List<String> nodes, Integer port, String interval,
      String timeout, ApiKeySecretRef apiKeySecretRef, String container, ActionsSpec actions) {
    this(selector, nodes, port, interval, timeout, apiKeySecretRef, container, actions, null, null);
  }
}
