package io.qdrantvigil.operator.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.URLUtils;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Evicts a pod through the Eviction API ({@code POST pods/NAME/eviction}), so PodDisruptionBudgets
 * are honoured. Posted here rather than through fabric8's {@code evict()}, which answers a 429 with
 * {@code false} and drops the budget's message, through a client of the same configuration that does
 * not retry (fabric8 retries a 429 with backoff, which would hide the refusal and post it again).
 * The Eviction is {@code policy/v1} where the API server serves it, else {@code policy/v1beta1}
 * (Kubernetes before 1.22).
 */
final class PodEviction implements AutoCloseable {

  /** What came of an eviction: evicted, refused by a disruption budget (429), or failed. */
  record Result(Kind kind, String message) {
    enum Kind { EVICTED, BUDGET_REFUSED, FAILED }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TOO_MANY_REQUESTS = 429;
  private static final long DEADLINE_SECONDS = 30;

  private final KubernetesClient configured;
  private KubernetesClient client;

  PodEviction(KubernetesClient client) {
    this.configured = client;
  }

  private synchronized KubernetesClient client() {
    if (client == null) {
      client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(configured.getConfiguration())
          .withRequestRetryBackoffLimit(0).build()).build();
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
  }

  Result evict(String namespace, String pod) {
    ObjectNode eviction = JsonNodeFactory.instance.objectNode().put("apiVersion", policyVersion())
        .put("kind", "Eviction");
    eviction.putObject("metadata").put("name", pod).put("namespace", namespace);
    try {
      HttpResponse<String> answer = send(client().getHttpClient().newHttpRequestBuilder()
          .uri(url("api", "v1", "namespaces", namespace, "pods", pod, "eviction"))
          .post("application/json", eviction.toString()).build());
      if (answer.isSuccessful()) {
        return new Result(Result.Kind.EVICTED, null);
      }
      String message = statusMessage(answer);
      return new Result(answer.code() == TOO_MANY_REQUESTS ? Result.Kind.BUDGET_REFUSED : Result.Kind.FAILED,
          message);
    } catch (IOException e) {
      return new Result(Result.Kind.FAILED, "eviction of pod " + pod + " failed: " + e.getMessage());
    }
  }

  /** {@code policy/v1} when the API server lists it, else {@code policy/v1beta1}; policy/v1 if it cannot tell. */
  private String policyVersion() {
    try {
      HttpResponse<String> group = send(client().getHttpClient().newHttpRequestBuilder().uri(url("apis", "policy"))
          .build());
      if (!group.isSuccessful()) {
        return "policy/v1";
      }
      for (JsonNode version : JSON.readTree(group.body()).path("versions")) {
        if ("policy/v1".equals(version.path("groupVersion").asText())) {
          return "policy/v1";
        }
      }
      return "policy/v1beta1";
    } catch (IOException e) {
      return "policy/v1";
    }
  }

  private String url(String... segments) {
    return URLUtils.join(client().getMasterUrl().toString(), String.join("/", segments));
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return client().getHttpClient().sendAsync(request, String.class).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause() == null ? e.toString() : e.getCause().toString(), e);
    } catch (TimeoutException e) {
      throw new IOException("no answer within " + DEADLINE_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * Kubernetes' Status message with its causes' (a budget's refusal says which budget and how many
   * healthy pods it needs there), else the body, else the HTTP code.
   */
  private static String statusMessage(HttpResponse<String> answer) {
    String body = answer.body();
    try {
      JsonNode status = body == null ? JsonNodeFactory.instance.objectNode() : JSON.readTree(body);
      String message = status.path("message").asText(null);
      if (message != null && !message.isBlank()) {
        StringBuilder text = new StringBuilder(message);
        for (JsonNode cause : status.path("details").path("causes")) {
          String because = cause.path("message").asText("");
          if (!because.isBlank()) {
            text.append(' ').append(because);
          }
        }
        return text.toString();
      }
    } catch (IOException e) {
      // Not a Status: the body itself says it.
    }
    return body == null || body.isBlank() ? "HTTP " + answer.code() : body;
  }
}
