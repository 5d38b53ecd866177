package dev.sightline.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.alerting.AlertSink;
import dev.sightline.alerting.NotifiableAlert;
import dev.sightline.alerting.notify.NotificationConfig;
import dev.sightline.alerting.notify.NotificationDispatcher;
import dev.sightline.alerting.notify.Silences;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.server.api.alerting.NotificationControl;
import dev.sightline.server.config.ConfigException;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sightline.metadata.NotificationConfigRecord;
import dev.sightline.metadata.Replica;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notification routes and receivers and the dispatcher that applies them. They come from the
 * config file's {@code notifications:} section unless the API has replaced them (kept in the
 * metadata store, so they survive a restart and apply on every node sharing it: a node puts what
 * another set in force at its next notification after its copy shows it). Replacing them starts a
 * new dispatcher on the same data directory, so what was already notified and the silences carry
 * over; alerts waiting in the old one's groups come again with the next evaluation.
 */
final class Notifications implements AlertSink, NotificationControl {
  private static final Logger log = LoggerFactory.getLogger(Notifications.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** No routes configured: alerts are kept in the API and the history but sent nowhere. */
  private static final Map<String, Object> NOWHERE = Map.of("route", Map.of("receiver", "none"),
      "receivers", List.of(Map.of("name", "none")));
  private final Map<String, Object> fromFile;
  private final Path dir;
  private final Replica<NotificationConfigRecord> stored;
  private final Clock clock;
  private final SelfMetrics metrics;
  private final Silences silences;
  private volatile Map<String, Object> section;
  private volatile NotificationDispatcher dispatcher;
  /** The rows of the store's copy the dispatcher was built from. */
  private volatile List<NotificationConfigRecord> applied;

  Notifications(Map<String, Object> fromFile, Path dir, Replica<NotificationConfigRecord> stored, Silences silences,
      Clock clock, SelfMetrics metrics) {
    this.fromFile = fromFile;
    this.dir = dir;
    this.stored = stored;
    this.clock = clock;
    this.metrics = metrics;
    this.silences = silences;
    this.applied = stored.rows();
    Map<String, Object> override = override(applied);
    this.section = override != null ? override : fromFile;
    try {
      this.dispatcher = build(section);
    } catch (IllegalArgumentException e) {
      throw new ConfigException((override != null ? "the notification configuration set through the API (in the metadata store): "
          : "") + e.getMessage());
    }
    if (override != null) {
      log.info("notification routes and receivers set through the API (in the metadata store), not from the config file");
    }
  }

  @Override
  public void send(List<NotifiableAlert> alerts) {
    follow();
    dispatcher.send(alerts);
  }

  @Override
  public NotificationDispatcher dispatcher() {
    follow();
    return dispatcher;
  }

  @Override
  public synchronized Map<String, Object> section() {
    follow();
    return section;
  }

  @Override
  public String source() {
    return override(stored.rows()) != null ? "api" : fromFile.isEmpty() ? "none" : "file";
  }

  /** Puts in force what another node set through the API (or reset), once this node's copy shows it. */
  private synchronized void follow() {
    List<NotificationConfigRecord> rows = stored.rows();
    if (rows == applied) {
      return;
    }
    applied = rows;
    Map<String, Object> override = override(rows);
    Map<String, Object> next = override != null ? override : fromFile;
    if (next.equals(section)) {
      return;
    }
    try {
      swap(build(next), next);
      log.info("notification routes and receivers changed on another node put in force");
    } catch (IllegalArgumentException e) {
      log.error("the notification configuration in the metadata store is not valid here, the one in force stays: {}",
          e.getMessage());
    }
  }

  /**
   * Checks and puts a new section in force, keeping it over restarts.
   *
   * @throws IllegalArgumentException naming the setting that is wrong; nothing changes then
   */
  @Override
  public synchronized void replace(Map<String, Object> newSection) {
    NotificationDispatcher next = build(newSection);
    try {
      stored.table().put(new NotificationConfigRecord(NotificationConfigRecord.API, JSON.writeValueAsString(newSection),
          clock.instant(), 0));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the notification settings cannot be written as JSON: " + e.getOriginalMessage(), e);
    } catch (RuntimeException e) {
      stop(next, Duration.ZERO);
      throw e;
    }
    stored.reloadAfterChange();
    applied = stored.rows();
    swap(next, newSection);
  }

  /** Drops what the API set and goes back to the config file's section. */
  @Override
  public synchronized void reset() {
    stored.table().delete(NotificationConfigRecord.API);
    stored.reloadAfterChange();
    applied = stored.rows();
    swap(build(fromFile), fromFile);
  }

  private void swap(NotificationDispatcher next, Map<String, Object> newSection) {
    NotificationDispatcher previous = dispatcher;
    next.start();
    dispatcher = next;
    section = newSection;
    stop(previous, Duration.ofSeconds(5));
  }

  private NotificationDispatcher build(Map<String, Object> s) {
    NotificationConfig config = NotificationConfig.parse(s.isEmpty() ? NOWHERE : s);
    return NotificationDispatcher.builder(config).silences(silences).dataDirectory(dir).clock(clock).metrics(metrics).build();
  }

  private static @Nullable Map<String, Object> override(List<NotificationConfigRecord> rows) {
    for (NotificationConfigRecord r : rows) {
      if (r.name().equals(NotificationConfigRecord.API)) {
        try {
          return JSON.readValue(r.section(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
          throw new ConfigException("the notification configuration set through the API (in the metadata store) is not JSON ("
              + e.getMessage() + "); reset it with DELETE /api/v1/notifications/config");
        }
      }
    }
    return null;
  }

  void start() {
    dispatcher.start();
  }

  void shutdown(Duration timeout) {
    stop(dispatcher, timeout);
  }

  private static void stop(NotificationDispatcher d, Duration timeout) {
    try {
      d.shutdown(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
