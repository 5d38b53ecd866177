package dev.sightline.alerting.notify;

import static java.util.Objects.requireNonNull;

import dev.sightline.alerting.NotifiableAlert;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one flush of an aggregation group tells a receiver: the group's alerts (firing ones first)
 * and the values channels derive from them, as in Alertmanager's template data.
 */
public record Notification(String receiver, String groupKey, Map<String, String> groupLabels,
    List<NotifiableAlert> alerts, String externalUrl, Instant at) {
  public Notification {
    requireNonNull(receiver, "receiver");
    requireNonNull(groupKey, "groupKey");
    groupLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(groupLabels));
    alerts = List.copyOf(alerts);
    requireNonNull(externalUrl, "externalUrl");
    requireNonNull(at, "at");
  }

  /** "firing" while any alert fires, else "resolved". */
  public String status() {
    return firing().isEmpty() ? "resolved" : "firing";
  }

  public List<NotifiableAlert> firing() {
    return alerts.stream().filter(a -> !a.resolved()).toList();
  }

  public List<NotifiableAlert> resolvedAlerts() {
    return alerts.stream().filter(NotifiableAlert::resolved).toList();
  }

  /** The same notification without resolved alerts, for channels with send_resolved off. */
  public Notification withoutResolved() {
    return new Notification(receiver, groupKey, groupLabels, firing(), externalUrl, at);
  }

  public Map<String, String> commonLabels() {
    return common(alerts.stream().map(NotifiableAlert::labels).toList());
  }

  public Map<String, String> commonAnnotations() {
    return common(alerts.stream().map(NotifiableAlert::annotations).toList());
  }

  /**
   * Alertmanager's default subject: {@code [FIRING:2] <group label values> (<other common label values>)},
   * e.g. {@code [FIRING:2] HighErrorRate (checkout critical)}.
   */
  public String subject() {
    StringBuilder b = new StringBuilder("[").append(status().toUpperCase(java.util.Locale.ROOT));
    if (status().equals("firing")) {
      b.append(':').append(firing().size());
    }
    b.append(']');
    if (!groupLabels.isEmpty()) {
      b.append(' ').append(String.join(" ", groupLabels.values()));
    }
    Map<String, String> rest = new TreeMap<>(commonLabels());
    rest.keySet().removeAll(groupLabels.keySet());
    if (!rest.isEmpty()) {
      b.append(" (").append(String.join(" ", rest.values())).append(')');
    }
    return b.toString();
  }

  private static Map<String, String> common(List<Map<String, String>> maps) {
    if (maps.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>(maps.get(0));
    for (Map<String, String> m : maps.subList(1, maps.size())) {
      out.entrySet().removeIf(e -> !Objects.equals(m.get(e.getKey()), e.getValue()));
    }
    return new TreeMap<>(out);
  }
}
