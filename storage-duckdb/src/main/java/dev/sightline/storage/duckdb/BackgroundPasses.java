package dev.sightline.storage.duckdb;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a store's background work (compaction, rollups) on its own daemon thread every interval,
 * logging a failed pass and trying again at the next; stopping waits for a running pass.
 */
final class BackgroundPasses implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackgroundPasses.class);
  private final String name;
  private @Nullable ScheduledExecutorService executor;

  BackgroundPasses(String name) {
    this.name = name;
  }

  /** Starts running {@code pass} every {@code every}; does nothing when it is zero. */
  void start(Duration every, Runnable pass) {
    long ms = every.toMillis();
    if (ms <= 0) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sightline-" + name.replace(' ', '-'));
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        pass.run();
      } catch (RuntimeException e) {
        log.warn("{} failed; the next pass tries again", name, e);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  boolean stopping() {
    return executor != null && executor.isShutdown();
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
          log.warn("{} did not stop within 30 s", name);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
