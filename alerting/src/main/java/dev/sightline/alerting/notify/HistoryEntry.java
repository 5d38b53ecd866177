package dev.sightline.alerting.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One notification as the history API shows it: when, to whom, over which channel, about which
 * group, whether it was {@code sent} or {@code failed}, and the labels of its alerts.
 */
public record HistoryEntry(Instant at, String receiver, String channel, String groupKey, String status,
    String outcome, int attempts, List<Map<String, String>> alerts) {
  public HistoryEntry {
    alerts = List.copyOf(alerts);
  }
}
