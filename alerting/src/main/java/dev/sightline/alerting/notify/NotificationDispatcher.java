package dev.sightline.alerting.notify;

import static java.util.Objects.requireNonNull;

import dev.sightline.alerting.AlertSink;
import dev.sightline.alerting.NotifiableAlert;
import dev.sightline.pipeline.SelfMetrics;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes alerts from evaluation and notifies receivers as Alertmanager would: routes each alert
 * through the tree, groups it, waits group_wait for a new group, notifies changes every
 * group_interval and repeats unchanged ones after repeat_interval, and skips silenced and
 * inhibited alerts. {@link #send} only enqueues (bounded; overflow is counted); {@link #tick}, run
 * every second by {@link #start()} or directly by tests, does the timed work with the injected clock.
 */
public final class NotificationDispatcher implements AlertSink {
  static final String DROPPED = "sightline_alerts_dropped_total";
  static final String SILENCED = "sightline_alerts_silenced_total";
  static final String INHIBITED = "sightline_alerts_inhibited_total";
  private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

  private final NotificationConfig config;
  private final Silences silences;
  private final Clock clock;
  private final SelfMetrics metrics;
  private final DeadLetters deadLetters;
  private final NotificationHistory history;
  private final NotificationLog log;
  private final Deliveries deliveries;
  private final Map<String, Receiver> receivers = new HashMap<>();
  private final Map<String, String> routeKeys = new HashMap<>();
  private final BlockingQueue<Received> queue;
  private final Map<String, AggregationGroup> groups = new LinkedHashMap<>();
  private @Nullable ScheduledExecutorService ticker;

  /** An alert and when it arrived: a new group's group_wait runs from its first alert's arrival. */
  private record Received(NotifiableAlert alert, Instant at) {}

  private NotificationDispatcher(Builder b) {
    this.config = requireNonNull(b.config, "config");
    this.silences = requireNonNull(b.silences, "silences");
    Path dir = requireNonNull(b.dataDirectory, "dataDirectory");
    this.clock = b.clock;
    this.metrics = b.metrics;
    this.deadLetters = new DeadLetters(dir);
    this.history = new NotificationHistory(dir, config.historySize());
    this.log = new NotificationLog(dir, clock.instant());
    this.deliveries = new Deliveries(config.retry(), clock, metrics, deadLetters, history, config.queueCapacity());
    HttpClient http = b.httpClient != null ? b.httpClient
        : HttpClient.newBuilder().connectTimeout(config.httpTimeout()).build();
    config.receivers().forEach(r -> receivers.put(r.name(), Receiver.from(r, http, config.httpTimeout())));
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    keys(config.route(), "{}");
    metrics.counter(DROPPED, "Alerts refused by notification because its queue was full", "reason", "queue_full");
    metrics.counter(SILENCED, "Alerts muted by a silence (once per alert and aggregation group)");
    metrics.gauge("sightline_notifications_pending", "Notifications waiting for delivery or a retry",
        deliveries::pending);
    metrics.counter(INHIBITED, "Alerts muted by an inhibit rule (once per alert and aggregation group)");
  }

  public static Builder builder(NotificationConfig config) {
    return new Builder(config);
  }

  /** Enqueues without blocking; alerts beyond the queue's capacity are dropped and counted. */
  @Override
  public void send(List<NotifiableAlert> alerts) {
    Instant now = clock.instant();
    for (NotifiableAlert a : alerts) {
      if (!queue.offer(new Received(a, now))) {
        metrics.counter(DROPPED, "", "reason", "queue_full").increment();
      }
    }
  }

  /** Takes queued alerts into their groups and flushes the groups that are due. */
  public synchronized void tick() {
    Instant now = clock.instant();
    List<Received> batch = new ArrayList<>();
    queue.drainTo(batch);
    for (Received received : batch) {
      NotifiableAlert a = received.alert();
      for (Route route : config.route().match(a.labels())) {
        Map<String, String> labels = route.groupLabels(a.labels());
        String groupKey = routeKeys.get(route.id()) + ":" + labelText(labels);
        String id = route.id() + "|" + groupKey;
        AggregationGroup g = groups.get(id);
        if (g == null) {
          NotificationLog.Entry last = log.get(id).orElse(null);
          // A resolution matters only to a receiver that was told the alert fired (perhaps before a restart).
          if (a.resolved() && (last == null || !last.firing().contains(a.fingerprint()))) {
            continue;
          }
          g = new AggregationGroup(route, groupKey, labels, received.at(), last);
          groups.put(id, g);
        }
        g.add(a, received.at());
      }
    }
    List<Map<String, String>> sources = groups.values().stream()
        .flatMap(g -> g.firingLabels().stream()).distinct().toList();
    for (Iterator<AggregationGroup> it = groups.values().iterator(); it.hasNext(); ) {
      AggregationGroup g = it.next();
      if (g.due(now)) {
        Optional<List<NotifiableAlert>> alerts = g.flush(now, a -> muted(g, a, sources), config.resolveTimeout());
        if (alerts.isPresent()) {
          notify(g, alerts.get(), now);
          if (!g.isEmpty()) {
            log.put(g.route.id() + "|" + g.key, requireNonNull(g.last()));
          }
        }
      }
      if (g.isEmpty()) {
        it.remove();
        log.remove(g.route.id() + "|" + g.key);
      }
    }
  }

  private boolean muted(AggregationGroup g, NotifiableAlert a, List<Map<String, String>> sources) {
    String counter = null;
    if (silences.muting(a.labels()).isPresent()) {
      counter = SILENCED;
    } else {
      for (InhibitRule rule : config.inhibitRules()) {
        for (Map<String, String> source : sources) {
          if (rule.inhibits(source, a.labels())) {
            counter = INHIBITED;
            break;
          }
        }
        if (counter != null) {
          break;
        }
      }
    }
    if (counter == null) {
      g.unmuted(a.fingerprint());
      return false;
    }
    if (g.firstMute(a.fingerprint())) {
      metrics.counter(counter, "").increment();
    }
    return true;
  }

  private void notify(AggregationGroup g, List<NotifiableAlert> alerts, Instant now) {
    Receiver receiver = receivers.get(g.route.receiver());
    Notification n = new Notification(receiver.name(), g.key, g.groupLabels, alerts, config.externalUrl(), now);
    for (Channel channel : receiver.channels()) {
      Notification forChannel = channel.sendResolved() ? n : n.withoutResolved();
      if (!forChannel.alerts().isEmpty()) {
        deliveries.submit(receiver.name(), channel, forChannel);
      }
    }
  }

  /** Runs {@link #tick()} every second on a thread of its own. */
  public synchronized void start() {
    if (ticker != null) {
      throw new IllegalStateException("already started");
    }
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sightline-notify-dispatcher");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(() -> {
      try {
        tick();
      } catch (RuntimeException e) {
        // A bad tick must not stop notification for good; the next one tries again.
        LOG.error("notification tick failed", e);
      }
    }, 1, 1, TimeUnit.SECONDS);
  }

  /** Stops ticking and lets deliveries under way finish within {@code timeout}. */
  public void shutdown(Duration timeout) throws InterruptedException {
    ScheduledExecutorService t;
    synchronized (this) {
      t = ticker;
      ticker = null;
    }
    if (t != null) {
      t.shutdown();
      t.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    deliveries.shutdown(timeout);
  }

  /** The last notifications (sent or failed), newest first, for {@code GET /api/v1/alerts/history}. */
  public List<HistoryEntry> history() {
    return history.list();
  }

  /** The newest {@code limit} dead letters, oldest first. */
  public List<DeadLetter> deadLetters(int limit) {
    return deadLetters.recent(limit);
  }

  public Silences silences() {
    return silences;
  }

  /** Notifications waiting for delivery or a retry. */
  public int pendingDeliveries() {
    return deliveries.pending();
  }

  private void keys(Route route, String key) {
    routeKeys.put(route.id(), key);
    for (Route child : route.routes()) {
      keys(child, key + "/" + labelText(child.matchers()));
    }
  }

  private static String labelText(Map<String, String> labels) {
    List<String> parts = new ArrayList<>();
    labels.forEach((k, v) -> parts.add(k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"'));
    return "{" + String.join(", ", parts) + "}";
  }

  private static String labelText(List<Matcher> matchers) {
    return "{" + String.join(",", matchers.stream().map(Matcher::toString).toList()) + "}";
  }

  /** Config, silences and data directory are required; clock, metrics and HTTP client have defaults. */
  public static final class Builder {
    private final NotificationConfig config;
    private @Nullable Silences silences;
    private @Nullable Path dataDirectory;
    private Clock clock = Clock.systemUTC();
    private SelfMetrics metrics = new SelfMetrics();
    private @Nullable HttpClient httpClient;

    private Builder(NotificationConfig config) {
      this.config = requireNonNull(config, "config");
    }

    public Builder silences(Silences silences) {
      this.silences = silences;
      return this;
    }

    /** Where dead-letter.jsonl and notification-history.jsonl live. */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    public Builder metrics(SelfMetrics metrics) {
      this.metrics = requireNonNull(metrics, "metrics");
      return this;
    }

    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = requireNonNull(httpClient, "httpClient");
      return this;
    }

    public NotificationDispatcher build() {
      return new NotificationDispatcher(this);
    }
  }
}
