package dev.sightline.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last {@code size} notifications, in memory for the API and in {@code notification-history.jsonl}
 * so that a restart keeps them. The file is compacted to {@code size} lines when it reaches twice that.
 */
public final class NotificationHistory {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NotificationHistory.class);
  public static final String FILE = "notification-history.jsonl";
  private final int size;
  private final JsonLines<HistoryEntry> file;
  private final Deque<HistoryEntry> entries = new ArrayDeque<>();
  private int appendedSinceCompaction;

  public NotificationHistory(Path directory, int size) {
    this.size = size;
    this.file = new JsonLines<>(directory.resolve(FILE), NotificationHistory::write, NotificationHistory::read);
    entries.addAll(file.last(size));
    appendedSinceCompaction = entries.size();
  }

  synchronized void add(HistoryEntry entry) {
    if (size == 0) {
      return;
    }
    entries.addLast(entry);
    if (entries.size() > size) {
      entries.removeFirst();
    }
    try {
      file.append(entry);
      if (++appendedSinceCompaction >= 2 * size) {
        file.rewrite(new ArrayList<>(entries));
        appendedSinceCompaction = entries.size();
      }
    } catch (java.io.UncheckedIOException e) {
      // The history is a convenience; a full disk must not turn a delivered notification into a failed one.
      LOG.warn("cannot write the notification history: {}", e.getMessage());
    }
  }

  /** Newest first. */
  public synchronized List<HistoryEntry> list() {
    List<HistoryEntry> out = new ArrayList<>(entries);
    java.util.Collections.reverse(out);
    return out;
  }

  private static String write(HistoryEntry e) {
    ObjectNode o = AlertJson.MAPPER.createObjectNode();
    o.put("time", e.at().toString());
    o.put("receiver", e.receiver());
    o.put("channel", e.channel());
    o.put("groupKey", e.groupKey());
    o.put("status", e.status());
    o.put("outcome", e.outcome());
    o.put("attempts", e.attempts());
    var alerts = o.putArray("alerts");
    e.alerts().forEach(labels -> alerts.add(AlertJson.object(labels)));
    return AlertJson.write(o);
  }

  private static HistoryEntry read(String line) {
    try {
      JsonNode o = AlertJson.MAPPER.readTree(line);
      List<Map<String, String>> alerts = new ArrayList<>();
      for (JsonNode a : o.path("alerts")) {
        Map<String, String> labels = new TreeMap<>();
        a.properties().forEach(p -> labels.put(p.getKey(), p.getValue().asText()));
        alerts.add(labels);
      }
      return new HistoryEntry(Instant.parse(o.path("time").asText()), o.path("receiver").asText(),
          o.path("channel").asText(), o.path("groupKey").asText(), o.path("status").asText(),
          o.path("outcome").asText(), o.path("attempts").asInt(), alerts);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
