package dev.sightline.alerting.notify;

import dev.sightline.alerting.NotifiableAlert;
import dev.sightline.pipeline.SelfMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications on a small pool of its own, so that a slow or failing endpoint never holds
 * up the dispatcher. Retryable failures are tried again with exponential backoff; what still fails
 * goes to the dead-letter file. Every outcome is counted and kept in the history.
 */
final class Deliveries {
  static final String NOTIFICATIONS = "sightline_notifications_total";
  private static final String HELP = "Notifications by receiver, channel and outcome (sent, retried, failed, dropped)";
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

  private final RetryPolicy retry;
  private final Clock clock;
  private final SelfMetrics metrics;
  private final DeadLetters deadLetters;
  private final NotificationHistory history;
  private final int maxPending;
  private final ScheduledThreadPoolExecutor pool;
  private final Set<Job> pending = ConcurrentHashMap.newKeySet();
  private final AtomicInteger threads = new AtomicInteger();

  private record Job(String receiver, Channel channel, Notification notification, String payload) {
    Lane lane() {
      return new Lane(channel, notification.groupKey());
    }
  }

  /** One group's notifications over one channel (channels compare by identity) go out in order. */
  private record Lane(Channel channel, String groupKey) {}

  private final Map<Lane, ArrayDeque<Job>> lanes = new HashMap<>();

  Deliveries(RetryPolicy retry, Clock clock, SelfMetrics metrics, DeadLetters deadLetters, NotificationHistory history,
      int maxPending) {
    this.retry = retry;
    this.clock = clock;
    this.metrics = metrics;
    this.deadLetters = deadLetters;
    this.history = history;
    this.maxPending = maxPending;
    this.pool = new ScheduledThreadPoolExecutor(2, r -> {
      Thread t = new Thread(r, "sightline-notify-delivery-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  void submit(String receiver, Channel channel, Notification n) {
    Job job = new Job(receiver, channel, n, channel.render(n));
    if (pending.size() >= maxPending) {
      finish(job, "dropped", 0, "delivery queue full (" + maxPending + " pending)");
      return;
    }
    pending.add(job);
    boolean first;
    synchronized (lanes) {
      ArrayDeque<Job> lane = lanes.computeIfAbsent(job.lane(), k -> new ArrayDeque<>());
      lane.addLast(job);
      first = lane.size() == 1;
    }
    // A resolve must not overtake the trigger still being retried before it, so each lane waits.
    if (first) {
      begin(job);
    }
  }

  private void begin(Job job) {
    try {
      // max_elapsed counts from the first attempt, not from the wait in the lane.
      long start = System.nanoTime();
      pool.execute(() -> attempt(job, 1, start));
    } catch (RejectedExecutionException e) {
      finish(job, "dropped", 0, "notification is shut down");
    }
  }

  /** Takes a finished job off its lane and starts the next one waiting there. */
  private void next(Job done) {
    Job next;
    synchronized (lanes) {
      ArrayDeque<Job> lane = lanes.get(done.lane());
      if (lane == null || !lane.remove(done)) {
        return;
      }
      next = lane.peekFirst();
      if (next == null) {
        lanes.remove(done.lane());
      }
    }
    if (next != null && !pool.isShutdown()) {
      begin(next);
    }
  }

  /** How many notifications wait for delivery or a retry. */
  int pending() {
    return pending.size();
  }

  private void attempt(Job job, int attempt, long startNanos) {
    try {
      job.channel().deliver(job.payload());
      count(job, "sent");
      history.add(entry(job, "sent", attempt));
      pending.remove(job);
      next(job);
    } catch (DeliveryException e) {
      Duration wait = retry.backoff(attempt);
      long elapsed = System.nanoTime() - startNanos;
      if (e.retryable() && attempt < retry.maxAttempts()
          && elapsed + wait.toNanos() <= retry.maxElapsed().toNanos() && !pool.isShutdown()) {
        count(job, "retried");
        LOG.debug("{} {} attempt {} failed, retrying in {}: {}", job.receiver(), job.channel().type(), attempt, wait,
            e.getMessage());
        try {
          pool.schedule(() -> attempt(job, attempt + 1, startNanos), wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException rejected) {
          finish(job, "failed", attempt, e.getMessage() + " (shut down before a retry)");
        }
      } else {
        finish(job, "failed", attempt, e.getMessage());
      }
    } catch (RuntimeException e) {
      finish(job, "failed", attempt, e.toString());
    }
  }

  /** Records the outcome first and only then leaves the pending set, so that "idle" means "recorded". */
  private void finish(Job job, String outcome, int attempts, String error) {
    count(job, outcome);
    LOG.warn("notification to {} over {} {} after {} attempt(s): {}", job.receiver(), job.channel().type(), outcome,
        attempts, error);
    try {
      deadLetters.append(new DeadLetter(clock.instant(), job.receiver(), job.channel().type(),
          job.notification().groupKey(), job.payload(), error, attempts));
    } catch (RuntimeException e) {
      LOG.error("cannot write the dead letter for {}: {}", job.receiver(), e.getMessage());
    }
    history.add(entry(job, outcome, attempts));
    pending.remove(job);
    next(job);
  }

  private void count(Job job, String outcome) {
    metrics.counter(NOTIFICATIONS, HELP, "receiver", job.receiver(), "channel", job.channel().type(),
        "outcome", outcome).increment();
  }

  private HistoryEntry entry(Job job, String outcome, int attempts) {
    Notification n = job.notification();
    return new HistoryEntry(clock.instant(), job.receiver(), job.channel().type(), n.groupKey(), n.status(), outcome,
        attempts, n.alerts().stream().map(NotifiableAlert::labels).toList());
  }

  /**
   * Lets deliveries under way finish within {@code timeout}; notifications still waiting for a retry
   * then go to the dead-letter file, so that none is lost without a trace.
   */
  void shutdown(Duration timeout) throws InterruptedException {
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    pool.shutdown();
    if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      pool.shutdownNow();
    }
    for (Job job : Set.copyOf(pending)) {
      finish(job, "failed", 0, "shut down before delivery");
    }
  }
}
