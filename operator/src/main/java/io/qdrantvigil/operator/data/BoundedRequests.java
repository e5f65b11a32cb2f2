package io.qdrantvigil.operator.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdrantvigil.operator.qdrant.FailureKind;
import io.qdrantvigil.operator.qdrant.Fetch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs the data view's requests at most {@code maxInFlight} at a time, urgent ones first, each
 * under the smaller of the request timeout and what is left of the budget; a request whose turn
 * comes after the budget is spent fails at once, without being sent.
 */
final class BoundedRequests {

  private record Pending(Function<Duration, CompletableFuture<Fetch<JsonNode>>> call,
      CompletableFuture<Fetch<JsonNode>> result) {}

  private final int maxInFlight;
  private final Duration timeout;
  private final Deque<Pending> urgent = new ArrayDeque<>();
  private final Deque<Pending> normal = new ArrayDeque<>();
  private long budgetEnd;
  private int inFlight;
  private int sent;

  BoundedRequests(int maxInFlight, Duration timeout) {
    this.maxInFlight = maxInFlight;
    this.timeout = timeout;
    this.budgetEnd = System.nanoTime() + timeout.toNanos();
  }

  CompletableFuture<Fetch<JsonNode>> submit(boolean first, Function<Duration, CompletableFuture<Fetch<JsonNode>>> call) {
    Pending pending = new Pending(call, new CompletableFuture<>());
    synchronized (this) {
      (first ? urgent : normal).add(pending);
    }
    pump();
    return pending.result();
  }

  /** A second budget of one timeout, from now (after the telemetry failed, for the fallback). */
  synchronized void renewBudget() {
    budgetEnd = System.nanoTime() + timeout.toNanos();
  }

  synchronized int sent() {
    return sent;
  }

  private void pump() {
    List<Pending> start = new ArrayList<>();
    List<Pending> late = new ArrayList<>();
    long left;
    synchronized (this) {
      left = budgetEnd - System.nanoTime();
      while (inFlight < maxInFlight && !(urgent.isEmpty() && normal.isEmpty())) {
        Pending next = urgent.isEmpty() ? normal.poll() : urgent.poll();
        if (left <= 0) {
          late.add(next);
        } else {
          inFlight++;
          sent++;
          start.add(next);
        }
      }
    }
    late.forEach(p -> p.result().complete(Fetch.failed(FailureKind.TIMEOUT,
        "not sent: the data view's time budget of " + timeout.toMillis() + " ms was spent")));
    Duration deadline = Duration.ofNanos(Math.min(timeout.toNanos(), Math.max(left, 1)));
    for (Pending p : start) {
      p.call().apply(deadline).whenComplete((fetch, error) -> {
        synchronized (this) {
          inFlight--;
        }
        p.result().complete(error != null ? Fetch.failed(FailureKind.CONNECTION, Texts.cut(error.toString())) : fetch);
        pump();
      });
    }
  }
}
