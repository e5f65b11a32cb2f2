package io.qdrantvigil.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watch events from the API server ({@code {"type":..,"object":..}}, one a line) as they come. A
 * stream the server ends (its timeout, a dropped connection, a 410 Gone) is reopened from the last
 * resourceVersion seen, or from scratch after an error event.
 */
final class WatchEvents implements AutoCloseable {

  /** One event: {@code ADDED}, {@code MODIFIED}, {@code DELETED}; its object. */
  record Event(String type, JsonValue object) {}

  private static final long SERVER_TIMEOUT_SECONDS = 300;
  private static final Object END = new Object();
  private static final Duration REOPEN_PAUSE = Duration.ofSeconds(1);

  private final Kubectl kubectl;
  private final String namespace;
  private final String name;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private String resourceVersion;
  private Process process;
  private long openedAt;

  WatchEvents(Kubectl kubectl, String namespace, String name, String resourceVersion) {
    this.kubectl = kubectl;
    this.namespace = namespace;
    this.name = name;
    this.resourceVersion = resourceVersion;
  }

  /** The next event within {@code wait}; empty when none came in that time. */
  Optional<Event> next(Duration wait) throws KubeException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      if (process == null) {
        pauseBeforeReopening(deadline);
        open();
      }
      long left = deadline - System.nanoTime();
      Object item = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
      if (item == null) {
        return Optional.empty();
      }
      if (item == END) {
        process = null;
        continue;
      }
      Optional<Event> event = event((String) item);
      if (event.isPresent()) {
        return event;
      }
    }
  }

  private Optional<Event> event(String line) {
    JsonValue event;
    try {
      event = JsonValue.parse(line);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String type = event.get("type").textOr("");
    JsonValue object = event.get("object");
    if (type.equals("ERROR")) {
      resourceVersion = null;
      return Optional.empty();
    }
    String version = object.path("metadata", "resourceVersion").text();
    if (version != null) {
      resourceVersion = version;
    }
    return type.equals("BOOKMARK") ? Optional.empty() : Optional.of(new Event(type, object));
  }

  /** A kubectl that fails at once (RBAC, a dropped connection) is not restarted in a busy loop. */
  private void pauseBeforeReopening(long deadline) throws InterruptedException {
    long wait = Math.min(openedAt + REOPEN_PAUSE.toNanos(), deadline) - System.nanoTime();
    if (openedAt != 0 && wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private void open() throws KubeException {
    openedAt = System.nanoTime();
    Process started = kubectl.startRaw(WatchPaths.changes(namespace, name, resourceVersion, SERVER_TIMEOUT_SECONDS));
    process = started;
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (!line.isBlank()) {
            queue.add(line);
          }
        }
      } catch (IOException e) {
        // The stream broke: reopened below like one the server ended.
      }
      waitForExit(started);
      queue.add(END);
    }, "kubectl-watch");
    reader.setDaemon(true);
    reader.start();
  }

  private static void waitForExit(Process started) {
    try {
      started.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
    }
  }
}
