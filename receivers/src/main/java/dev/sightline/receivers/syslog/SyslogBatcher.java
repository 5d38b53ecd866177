package dev.sightline.receivers.syslog;

import dev.sightline.ingestlog.LogFullException;
import dev.sightline.pipeline.SelfMetrics;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects messages and stores them a batch at a time, when {@code batchSize} have arrived or
 * {@code interval} after the first of a batch, one batch in flight at a time, waiting until it is
 * durable. At most two batches wait, so memory is bounded.
 *
 * <p>When the ingest log refuses a batch (it is full), a holding batcher (TCP and TLS) keeps the
 * batch, retries it, and blocks {@link #put} meanwhile: the connection threads stop reading, and TCP
 * flow control pushes back on the senders, which is the only retry syslog has. A non-holding batcher
 * (UDP, which cannot push back) drops the batch and counts it by reason.
 */
final class SyslogBatcher {
  private static final Logger log = LoggerFactory.getLogger(SyslogBatcher.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
  private final String name;
  private final boolean holdOnRefusal;
  private final int batchSize;
  private final Duration interval;
  private final Function<ExportLogsServiceRequest, CompletableFuture<?>> store;
  private final SelfMetrics metrics;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<ReceivedMessage> pending = new ArrayList<>();
  private long firstPendingNanos;
  private boolean refused;
  private volatile boolean stopping;
  private volatile long giveUpNanos = Long.MAX_VALUE;
  private @Nullable Thread flusher;

  SyslogBatcher(String name, boolean holdOnRefusal, int batchSize, Duration interval,
      Function<ExportLogsServiceRequest, CompletableFuture<?>> store, SelfMetrics metrics) {
    this.name = name;
    this.holdOnRefusal = holdOnRefusal;
    this.batchSize = batchSize;
    this.interval = interval;
    this.store = store;
    this.metrics = metrics;
  }

  void start() {
    flusher = Thread.ofPlatform().name("sightline-syslog-" + name + "-flush").daemon().start(this::flushLoop);
  }

  /** Queues a message, waiting while the queue is full or the ingest log refuses (back-pressure). */
  void put(ReceivedMessage m) throws InterruptedException {
    lock.lock();
    try {
      while (!stopping && (refused || pending.size() >= 2 * batchSize)) {
        changed.await();
      }
      add(m);
    } finally {
      lock.unlock();
    }
  }

  /** Queues a message unless the queue is full; then it is counted as dropped. Never waits. */
  void offer(ReceivedMessage m) {
    lock.lock();
    try {
      if (pending.size() >= 2 * batchSize) {
        dropped(List.of(m), "queue_full");
        return;
      }
      add(m);
    } finally {
      lock.unlock();
    }
  }

  private void add(ReceivedMessage m) {
    if (pending.isEmpty()) {
      firstPendingNanos = System.nanoTime();
    }
    pending.add(m);
    if (pending.size() >= batchSize) {
      changed.signalAll();
    }
  }

  private void flushLoop() {
    while (true) {
      List<ReceivedMessage> batch;
      lock.lock();
      try {
        while (!stopping && pending.size() < batchSize) {
          long wait = pending.isEmpty() ? interval.toNanos() : firstPendingNanos + interval.toNanos() - System.nanoTime();
          if (!pending.isEmpty() && wait <= 0) {
            break;
          }
          changed.awaitNanos(wait);
        }
        if (pending.isEmpty()) {
          return; // only when stopping
        }
        List<ReceivedMessage> head = pending.subList(0, Math.min(batchSize, pending.size()));
        batch = List.copyOf(head);
        head.clear();
        firstPendingNanos = System.nanoTime();
        changed.signalAll();
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      storeUntilTaken(batch);
    }
  }

  private void storeUntilTaken(List<ReceivedMessage> batch) {
    ExportLogsServiceRequest request = SyslogToOtlp.convert(batch);
    long backoff = Duration.ofMillis(50).toNanos();
    while (true) {
      Throwable failure = attempt(request);
      if (failure == null) {
        setRefused(false);
        return;
      }
      if (!(failure instanceof LogFullException full)) {
        log.warn("syslog: a batch of {} messages was not stored: {}", batch.size(), failure.toString());
        dropped(batch, "log_error");
        return;
      }
      String reason = full.backlogFull() ? "unavailable" : "busy";
      if (!holdOnRefusal || System.nanoTime() > giveUpNanos) {
        dropped(batch, holdOnRefusal ? "shutdown" : reason);
        return;
      }
      setRefused(true);
      try {
        TimeUnit.NANOSECONDS.sleep(backoff);
      } catch (InterruptedException e) {
        dropped(batch, "shutdown");
        return;
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF.toNanos());
    }
  }

  /** Null when the batch is durable, else why not. */
  private @Nullable Throwable attempt(ExportLogsServiceRequest request) {
    try {
      store.apply(request).get();
      return null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause != null && !(cause instanceof LogFullException) && cause.getCause() != null) {
        cause = cause.getCause();
      }
      return cause == null ? e : cause;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    } catch (RuntimeException e) {
      return e; // refused before it was appended, e.g. over a request limit
    }
  }

  private void setRefused(boolean value) {
    lock.lock();
    try {
      if (refused != value) {
        refused = value;
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void dropped(List<ReceivedMessage> batch, String reason) {
    for (ReceivedMessage m : batch) {
      metrics.counter("sightline_syslog_dropped_total", "Syslog messages not stored, by transport and reason "
          + "(busy, unavailable: the ingest log refused; queue_full; log_error; shutdown).",
          "transport", m.transport(), "reason", reason).increment();
    }
  }

  /** Stores what is queued, waiting at most {@code timeout}; what is still refused then is dropped and counted. */
  void shutdown(Duration timeout) {
    giveUpNanos = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      stopping = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    Thread t = flusher;
    if (t != null) {
      try {
        if (!t.join(timeout.plusSeconds(1))) {
          t.interrupt();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lock.lock();
    try {
      if (!pending.isEmpty()) {
        dropped(List.copyOf(pending), "shutdown"); // arrived after the last flush, while the listeners closed
        pending.clear();
      }
    } finally {
      lock.unlock();
    }
  }
}
