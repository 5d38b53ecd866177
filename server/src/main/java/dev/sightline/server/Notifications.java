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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notification routes and receivers and the dispatcher that applies them. They come from the
 * config file's {@code notifications:} section unless the API has replaced them (kept in
 * {@code notifications.json} beside the alert state, so they survive a restart). Replacing them
 * starts a new dispatcher on the same data directory, so what was already notified and the
 * silences carry over; alerts waiting in the old one's groups come again with the next evaluation.
 */
final class Notifications implements AlertSink, NotificationControl {
  private static final Logger log = LoggerFactory.getLogger(Notifications.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** No routes configured: alerts are kept in the API and the history but sent nowhere. */
  private static final Map<String, Object> NOWHERE = Map.of("route", Map.of("receiver", "none"),
      "receivers", List.of(Map.of("name", "none")));
  private final Map<String, Object> fromFile;
  private final Path dir;
  private final Path overrideFile;
  private final Clock clock;
  private final SelfMetrics metrics;
  private final Silences silences;
  private volatile Map<String, Object> section;
  private volatile NotificationDispatcher dispatcher;

  Notifications(Map<String, Object> fromFile, Path dir, Silences silences, Clock clock, SelfMetrics metrics) {
    this.fromFile = fromFile;
    this.dir = dir;
    this.overrideFile = dir.resolve("notifications.json");
    this.clock = clock;
    this.metrics = metrics;
    this.silences = silences;
    Map<String, Object> override = readOverride();
    this.section = override != null ? override : fromFile;
    try {
      this.dispatcher = build(section);
    } catch (IllegalArgumentException e) {
      throw new ConfigException((override != null ? overrideFile + ": " : "") + e.getMessage());
    }
    if (override != null) {
      log.info("notification routes and receivers from {} (set through the API), not from the config file", overrideFile);
    }
  }

  @Override
  public void send(List<NotifiableAlert> alerts) {
    dispatcher.send(alerts);
  }

  @Override
  public NotificationDispatcher dispatcher() {
    return dispatcher;
  }

  @Override
  public synchronized Map<String, Object> section() {
    return section;
  }

  @Override
  public synchronized String source() {
    return Files.exists(overrideFile) ? "api" : fromFile.isEmpty() ? "none" : "file";
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
      Files.createDirectories(dir);
      Path tmp = overrideFile.resolveSibling(overrideFile.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), newSection);
      Files.move(tmp, overrideFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("saving the notification settings to " + overrideFile, e);
    }
    swap(next, newSection);
  }

  /** Drops what the API set and goes back to the config file's section. */
  @Override
  public synchronized void reset() {
    try {
      Files.deleteIfExists(overrideFile);
    } catch (IOException e) {
      throw new UncheckedIOException("removing " + overrideFile, e);
    }
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

  private Map<String, Object> readOverride() {
    if (!Files.exists(overrideFile)) {
      return null;
    }
    try {
      return JSON.readValue(overrideFile.toFile(), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new ConfigException(overrideFile + " cannot be read (" + e.getMessage() + "); remove it to use the config file's notifications");
    }
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
