package dev.sightline.alerting.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What was last notified per aggregation group (Alertmanager's notification log), kept in
 * {@code notification-log.json} so that a restart does not page everyone again for alerts they
 * were already told about. Entries older than five days are forgotten. Used from the tick thread.
 */
final class NotificationLog {
  static final String FILE = "notification-log.json";
  private static final Duration RETENTION = Duration.ofDays(5);
  private static final Logger LOG = LoggerFactory.getLogger(NotificationLog.class);

  /** The fingerprints of the alerts last notified as firing and as resolved, and when. */
  record Entry(Set<String> firing, Set<String> resolved, Instant sentAt) {
    Entry {
      firing = Set.copyOf(firing);
      resolved = Set.copyOf(resolved);
    }
  }

  private final Path file;
  private final Map<String, Entry> entries = new HashMap<>();

  NotificationLog(Path directory, Instant now) {
    this.file = directory.resolve(FILE);
    load(now);
  }

  Optional<Entry> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  void put(String key, Entry entry) {
    entries.put(key, entry);
    save();
  }

  void remove(String key) {
    if (entries.remove(key) != null) {
      save();
    }
  }

  private void save() {
    ObjectNode root = AlertJson.MAPPER.createObjectNode();
    entries.forEach((key, e) -> {
      ObjectNode o = root.putObject(key);
      var firing = o.putArray("firing");
      e.firing().forEach(firing::add);
      var resolved = o.putArray("resolved");
      e.resolved().forEach(resolved::add);
      o.put("sentAt", e.sentAt().toString());
    });
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(FILE + ".tmp");
      Files.writeString(tmp, AlertJson.write(root), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Losing this file only means a repeated notification after a restart; notifying goes on.
      LOG.warn("cannot write {}: {}", file, e.toString());
    }
  }

  private void load(Instant now) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      JsonNode root = AlertJson.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
      root.properties().forEach(p -> {
        Instant sent = Instant.parse(p.getValue().path("sentAt").asText());
        if (sent.plus(RETENTION).isAfter(now)) {
          entries.put(p.getKey(), new Entry(strings(p.getValue().path("firing")),
              strings(p.getValue().path("resolved")), sent));
        }
      });
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable {}: {}", file, e.toString());
      entries.clear();
    }
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new HashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
