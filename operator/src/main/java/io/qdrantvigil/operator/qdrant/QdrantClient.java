package io.qdrantvigil.operator.qdrant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Talks to Qdrant nodes over HTTP. Every call has its own deadline covering the whole exchange:
 * its connect, read, write and call timeouts all come from that deadline (OkHttp's 10 s socket
 * defaults would otherwise cut a 30 s poll or a 30-minute recovery at 10 s). Bodies are read only
 * up to {@link #MAX_BODY_BYTES}, and every failure is classified, never thrown.
 */
public final class QdrantClient implements AutoCloseable {

  /** A /cluster or /collections body of a real cluster is kilobytes; past this a node floods. */
  public static final long MAX_BODY_BYTES = 1024 * 1024;
  /** The cluster telemetry at level 3 lists every replica with its stats: about 300 bytes each. */
  public static final long MAX_TELEMETRY_BYTES = 32L * 1024 * 1024;
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final ObjectMapper mapper = new ObjectMapper();

  public QdrantClient() {
    Dispatcher dispatcher = new Dispatcher();
    // Nodes often share a host (a port-forward, a test machine): the default of 5 per host would serialize a poll.
    dispatcher.setMaxRequests(512);
    dispatcher.setMaxRequestsPerHost(128);
    this.http = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .build();
  }

  /** A Qdrant answer: the HTTP code and the body as JSON (null when it was not JSON). */
  public record Answer(int code, JsonNode json, String text) {
    public boolean isSuccess() {
      return code >= 200 && code < 300;
    }

    /** Qdrant's error text ({@code status.error}), else the plain body. */
    public String errorText() {
      if (json != null && json.path("status").path("error").isTextual()) {
        return json.path("status").path("error").asText();
      }
      return text;
    }
  }

  /** GET a JSON document; non-2xx and non-JSON answers are failures. */
  public CompletableFuture<Fetch<JsonNode>> getJson(String baseUrl, String path, Duration deadline, String apiKey) {
    return getJson(baseUrl, path, deadline, apiKey, MAX_BODY_BYTES);
  }

  /** The same, for the one answer that is legitimately large (the cluster telemetry of many collections). */
  public CompletableFuture<Fetch<JsonNode>> getJson(String baseUrl, String path, Duration deadline, String apiKey,
      long maxBodyBytes) {
    Request.Builder request = request(baseUrl, path, apiKey);
    if (request == null) {
      return CompletableFuture.completedFuture(invalidUrl(baseUrl));
    }
    return send(request.get().build(), deadline, maxBodyBytes).thenApply(QdrantClient::asJsonFetch);
  }

  /** Any request whose answer (any HTTP code) the caller interprets, e.g. an action. */
  public CompletableFuture<Fetch<Answer>> send(String method, String baseUrl, String pathAndQuery, JsonNode body,
      Duration deadline, String apiKey) {
    RequestBody requestBody = body == null ? null : RequestBody.create(body.toString(), JSON);
    if (requestBody == null && ("PUT".equals(method) || "POST".equals(method))) {
      requestBody = RequestBody.create(new byte[0], JSON);
    }
    Request.Builder request = request(baseUrl, pathAndQuery, apiKey);
    if (request == null) {
      return CompletableFuture.completedFuture(invalidUrl(baseUrl));
    }
    return send(request.method(method, requestBody).build(), deadline, MAX_BODY_BYTES);
  }

  private static <T> Fetch<T> invalidUrl(String baseUrl) {
    return Fetch.failed(FailureKind.CONNECTION, "not a valid URL: " + snippet(baseUrl));
  }

  /** Null when the address is not a valid URL. */
  private Request.Builder request(String baseUrl, String pathAndQuery, String apiKey) {
    HttpUrl url = HttpUrl.parse(baseUrl.replaceAll("/+$", "") + pathAndQuery);
    if (url == null) {
      return null;
    }
    Request.Builder builder = new Request.Builder().url(url).header("Accept", "application/json");
    if (apiKey != null && !apiKey.isEmpty()) {
      builder.header("api-key", apiKey);
    }
    return builder;
  }

  private CompletableFuture<Fetch<Answer>> send(Request request, Duration deadline, long maxBodyBytes) {
    CompletableFuture<Fetch<Answer>> future = new CompletableFuture<>();
    Call call = withDeadline(deadline).newCall(request);
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call c, IOException e) {
        future.complete(Fetch.failed(classify(e), describe(e, deadline)));
      }

      @Override
      public void onResponse(Call c, Response response) {
        try (response) {
          future.complete(Fetch.ok(read(response, maxBodyBytes)));
        } catch (BodyTooLargeException e) {
          future.complete(Fetch.failed(FailureKind.INVALID_RESPONSE, e.getMessage()));
        } catch (IOException e) {
          future.complete(Fetch.failed(classify(e), describe(e, deadline)));
        }
      }
    });
    return future;
  }

  /** A client for one call: the shared pool and dispatcher, every timeout set to the call's deadline. */
  private OkHttpClient withDeadline(Duration deadline) {
    long millis = Math.max(1, deadline.toMillis());
    return http.newBuilder()
        .connectTimeout(millis, TimeUnit.MILLISECONDS)
        .readTimeout(millis, TimeUnit.MILLISECONDS)
        .writeTimeout(millis, TimeUnit.MILLISECONDS)
        .callTimeout(millis, TimeUnit.MILLISECONDS)
        .build();
  }

  private Answer read(Response response, long maxBodyBytes) throws IOException {
    ResponseBody body = response.body();
    String text = body == null ? "" : readCapped(body.source(), maxBodyBytes);
    JsonNode json = null;
    try {
      json = text.isBlank() ? null : mapper.readTree(text);
    } catch (JsonProcessingException e) {
      // Not JSON: a proxy page or a plain-text 401; the caller decides what that means.
    }
    return new Answer(response.code(), json, text);
  }

  private static String readCapped(BufferedSource source, long maxBodyBytes) throws IOException {
    if (source.request(maxBodyBytes + 1)) {
      throw new BodyTooLargeException("response body larger than " + (maxBodyBytes / 1024) + " KiB");
    }
    return source.readUtf8();
  }

  private static Fetch<JsonNode> asJsonFetch(Fetch<Answer> fetch) {
    if (fetch instanceof Fetch.Failed<Answer> failed) {
      return Fetch.failed(failed.kind(), failed.message());
    }
    Answer answer = fetch.valueOrNull();
    if (answer.code() == 401 || answer.code() == 403) {
      return Fetch.failed(FailureKind.UNAUTHORIZED, "HTTP " + answer.code() + ": " + snippet(answer.errorText()));
    }
    if (!answer.isSuccess()) {
      return Fetch.failed(FailureKind.INVALID_RESPONSE, "HTTP " + answer.code() + ": " + snippet(answer.errorText()));
    }
    if (answer.json() == null) {
      return Fetch.failed(FailureKind.INVALID_RESPONSE, "not JSON: " + snippet(answer.text()));
    }
    return Fetch.ok(answer.json());
  }

  /** A deadline (call or socket timeout) is a Timeout; refused, reset, DNS and every other I/O failure a ConnectionError. */
  static FailureKind classify(IOException e) {
    return e instanceof InterruptedIOException ? FailureKind.TIMEOUT : FailureKind.CONNECTION;
  }

  private static String describe(IOException e, Duration deadline) {
    if (e instanceof InterruptedIOException) {
      return "no answer within " + deadline.toMillis() + " ms";
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return snippet(message);
  }

  private static String snippet(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(String message) {
      super(message);
    }
  }
}
