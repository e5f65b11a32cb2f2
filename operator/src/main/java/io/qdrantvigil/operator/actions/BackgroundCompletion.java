package io.qdrantvigil.operator.actions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Completes long actions off the reconcile thread, so polls go on meanwhile. */
final class BackgroundCompletion implements AutoCloseable {

  private static final int THREADS = 2;

  private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
    Thread thread = new Thread(r, "vigil-actions");
    thread.setDaemon(true);
    return thread;
  });

  <T> void whenDone(CompletableFuture<T> future, Consumer<T> then) {
    future.thenAcceptAsync(then, executor);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
