package io.qdrantvigil.operator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.qdrant.Fetch;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One poll: the four GETs of every node, all at once, each under the deadline, so a poll takes
 * about the slowest answer (bounded by the deadline), never the sum.
 */
public final class ClusterProbe {

  private final QdrantClient client;

  public ClusterProbe(QdrantClient client) {
    this.client = client;
  }

  public List<NodeObservation> probe(List<NodeTarget> targets, Duration deadline, String apiKey) {
    List<CompletableFuture<NodeObservation>> pending = targets.stream()
        .map(target -> probe(target, deadline, apiKey))
        .toList();
    return pending.stream().map(CompletableFuture::join).toList();
  }

  private CompletableFuture<NodeObservation> probe(NodeTarget target, Duration deadline, String apiKey) {
    if (target.url() == null) {
      return CompletableFuture.completedFuture(new NodeObservation(target, null, null, null, null));
    }
    CompletableFuture<Fetch<JsonNode>> cluster = client.getJson(target.url(), "/cluster", deadline, apiKey);
    CompletableFuture<Fetch<JsonNode>> root = client.getJson(target.url(), "/", deadline, apiKey);
    CompletableFuture<Fetch<JsonNode>> collections = client.getJson(target.url(), "/collections", deadline, apiKey);
    CompletableFuture<Fetch<JsonNode>> issues = client.getJson(target.url(), "/issues", deadline, apiKey);
    return CompletableFuture.allOf(cluster, root, collections, issues)
        .thenApply(done -> new NodeObservation(target, cluster.join(), root.join(), collections.join(), issues.join()));
  }
}
