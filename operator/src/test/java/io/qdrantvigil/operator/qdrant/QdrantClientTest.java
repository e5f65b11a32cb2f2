package io.qdrantvigil.operator.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QdrantClientTest {

  private final QdrantClient client = new QdrantClient();
  private MockWebServer pollNode;
  private MockWebServer actionNode;

  @BeforeEach
  void start() throws IOException {
    pollNode = new MockWebServer();
    pollNode.start();
    actionNode = new MockWebServer();
    actionNode.start();
  }

  @AfterEach
  void stop() throws IOException {
    pollNode.shutdown();
    actionNode.shutdown();
    client.close();
  }

  private String url(MockWebServer server) {
    return server.url("/").toString();
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  /** Both at once, so the test waits 15 s, not 27: each answer comes after OkHttp's 10 s socket defaults. */
  @Test
  void deadlinesLongerThanOkHttpsSocketDefaultsHold() {
    pollNode.enqueue(json("{\"result\":{},\"status\":\"ok\"}").setHeadersDelay(12, TimeUnit.SECONDS));
    actionNode.enqueue(json("{\"result\":true,\"status\":\"ok\"}").setHeadersDelay(15, TimeUnit.SECONDS));
    CompletableFuture<Fetch<JsonNode>> poll = client.getJson(url(pollNode), "/cluster", Duration.ofSeconds(15), null);
    CompletableFuture<Fetch<QdrantClient.Answer>> recover = client.send("PUT", url(actionNode),
        "/collections/c/snapshots/recover", null, Duration.ofMinutes(30), null);
    assertThat(poll.join()).isInstanceOf(Fetch.Ok.class);
    assertThat(recover.join()).isInstanceOfSatisfying(Fetch.Ok.class,
        ok -> assertThat(((QdrantClient.Answer) ok.value()).code()).isEqualTo(200));
  }

  @Test
  void aSlowBodyPastTheDeadlineIsATimeout() {
    pollNode.enqueue(json("{\"result\":{}}").setBodyDelay(3, TimeUnit.SECONDS));
    Fetch<JsonNode> fetch = client.getJson(url(pollNode), "/cluster", Duration.ofSeconds(1), null).join();
    assertThat(fetch).isInstanceOfSatisfying(Fetch.Failed.class,
        failed -> assertThat(failed.kind()).isEqualTo(FailureKind.TIMEOUT));
  }

  @Test
  void aForbiddenAnswerIsUnauthorized() {
    pollNode.enqueue(json("{\"status\":{\"error\":\"Forbidden: read-only key\"}}").setResponseCode(403));
    Fetch<JsonNode> fetch = client.getJson(url(pollNode), "/cluster", Duration.ofSeconds(5), "k").join();
    assertThat(fetch).isInstanceOfSatisfying(Fetch.Failed.class, failed -> {
      assertThat(failed.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
      assertThat(failed.message()).contains("403").contains("read-only key");
    });
  }

  @Test
  void aNonJsonAnswerIsAnInvalidResponse() {
    pollNode.enqueue(new MockResponse().setHeader("Content-Type", "text/html").setBody("<html>proxy</html>"));
    Fetch<JsonNode> fetch = client.getJson(url(pollNode), "/cluster", Duration.ofSeconds(5), null).join();
    assertThat(fetch).isInstanceOfSatisfying(Fetch.Failed.class, failed -> {
      assertThat(failed.kind()).isEqualTo(FailureKind.INVALID_RESPONSE);
      assertThat(failed.message()).startsWith("not JSON").contains("proxy");
    });
  }

  @Test
  void anAddressThatIsNoUrlIsAFailureNotAnException() {
    Fetch<JsonNode> fetch = client.getJson("http://not a host:6333", "/cluster", Duration.ofSeconds(1), null).join();
    assertThat(fetch).isInstanceOfSatisfying(Fetch.Failed.class,
        failed -> assertThat(failed.kind()).isEqualTo(FailureKind.CONNECTION));
  }
}
