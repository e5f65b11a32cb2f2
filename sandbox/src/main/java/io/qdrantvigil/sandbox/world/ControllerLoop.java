package io.qdrantvigil.sandbox.world;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level-triggered shape of a Kubernetes controller on one thread: any number of events ask for one
 * pass, a periodic resync catches a missed event (as informers resync), and a failed pass runs again
 * shortly. What a controller {@link #schedule}s runs on the same thread as its passes, so its state needs
 * no locks. The loop owns the watches that feed it and closes them with itself.
 */
final class ControllerLoop implements AutoCloseable {

  private static final Duration RESYNC = Duration.ofSeconds(2);
  private static final Duration RETRY = Duration.ofMillis(200);
  private static final Logger LOG = LoggerFactory.getLogger(ControllerLoop.class);

  private final String name;
  private final Runnable pass;
  private final ScheduledExecutorService worker;
  private final AtomicBoolean passQueued = new AtomicBoolean();
  private final List<Watch> watches = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  ControllerLoop(String name, Runnable pass) {
    this.name = name;
    this.pass = pass;
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    });
  }

  void start() {
    worker.scheduleWithFixedDelay(this::requestPass, RESYNC.toMillis(), RESYNC.toMillis(), TimeUnit.MILLISECONDS);
    requestPass();
  }

  /** Every event of {@code source} asks for a pass. */
  <T> void watch(Watchable<T> source, String what) {
    watches.add(source.watch(new Watcher<T>() {
      @Override
      public void eventReceived(Action action, T resource) {
        requestPass();
      }

      @Override
      public void onClose(WatcherException cause) {
        LOG.warn("{}: {} watch closed: {}", name, what, cause.getMessage());
      }
    }));
  }

  /** Asks for one more pass; requests made before it starts share it. */
  void requestPass() {
    if (!closed && passQueued.compareAndSet(false, true)) {
      try {
        worker.execute(() -> {
          passQueued.set(false);
          runQuietly();
        });
      } catch (RejectedExecutionException closing) {
        passQueued.set(false);
      }
    }
  }

  /** Asks for a pass after {@code delay}, as the real controllers' work queues do with AddAfter. */
  void requestPassAfter(Duration delay) {
    schedule(this::requestPass, delay);
  }

  void retryLater() {
    requestPassAfter(RETRY);
  }

  /** Runs {@code task} on the loop's thread after {@code delay}; nothing once closed. */
  void schedule(Runnable task, Duration delay) {
    if (!closed) {
      try {
        worker.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closing) {
        LOG.debug("{} closing: task dropped", name);
      }
    }
  }

  /** Runs {@code task} on the loop's thread as soon as it is free; nothing once closed. */
  void execute(Runnable task) {
    schedule(task, Duration.ZERO);
  }

  boolean closed() {
    return closed;
  }

  private void runQuietly() {
    if (closed) {
      return;
    }
    try {
      pass.run();
    } catch (KubernetesClientException e) {
      LOG.debug("{}: pass failed ({}); retrying", name, e.getMessage());
      retryLater();
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn("{}: pass failed; retrying", name, e);
        retryLater();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    watches.forEach(Watch::close);
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
