package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.QdrantExamples;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** A Qdrant node answering fixed bodies per path, counting requests and how many it held at once. */
final class FakeQdrantNode implements AutoCloseable {

  static final AtomicInteger IN_FLIGHT = new AtomicInteger();
  static final AtomicInteger MOST_IN_FLIGHT = new AtomicInteger();

  private final MockWebServer server = new MockWebServer();
  private final Map<String, MockResponse> answers = new ConcurrentHashMap<>();
  final List<String> paths = new CopyOnWriteArrayList<>();
  private final Map<String, Duration> slowPaths = new ConcurrentHashMap<>();
  private volatile Duration delay = Duration.ZERO;

  FakeQdrantNode() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        paths.add(request.getPath());
        MOST_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
        try {
          MockResponse answer = answers.get(request.getPath());
          if (answer == null) {
            new CountDownLatch(1).await(delay.toMillis(), TimeUnit.MILLISECONDS);
            return new MockResponse().setResponseCode(404)
                .setBody("{\"status\":{\"error\":\"Not found\"},\"time\":0.0}");
          }
          // A slow node: the request stays inside the node (and counted in flight) for the delay.
          new CountDownLatch(1).await(slowPaths.getOrDefault(request.getPath(), delay).toMillis(), TimeUnit.MILLISECONDS);
          return answer;
        } finally {
          IN_FLIGHT.decrementAndGet();
        }
      }
    });
    server.start();
  }

  String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  FakeQdrantNode answer(String path, String body) {
    answers.put(path, new MockResponse().setHeader("Content-Type", "application/json").setBody(body));
    return this;
  }

  FakeQdrantNode example(String path, String example) {
    try {
      return answer(path, Files.readString(QdrantExamples.dir().resolve(example)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  FakeQdrantNode fail(String path, int code) {
    answers.put(path, new MockResponse().setResponseCode(code).setBody("{\"status\":{\"error\":\"boom\"},\"time\":0.0}"));
    return this;
  }

  FakeQdrantNode slow(Duration delay) {
    this.delay = delay;
    return this;
  }

  FakeQdrantNode slow(String path, Duration pathDelay) {
    slowPaths.put(path, pathDelay);
    return this;
  }

  long count(String path) {
    return paths.stream().filter(path::equals).count();
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
