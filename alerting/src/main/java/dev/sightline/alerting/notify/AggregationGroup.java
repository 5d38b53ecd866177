package dev.sightline.alerting.notify;

import dev.sightline.alerting.NotifiableAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The alerts of one route that share the values of its group_by labels, and what was last
 * notified about them (Alertmanager's aggregation group plus its notification-log entry). The
 * dispatcher calls it from its tick thread only.
 */
final class AggregationGroup {
  final Route route;
  final String key;
  final Map<String, String> groupLabels;
  private final Map<String, NotifiableAlert> alerts = new LinkedHashMap<>();
  private final Map<String, Instant> lastSeen = new HashMap<>();
  private final Set<String> counted = new HashSet<>();
  private Instant nextFlush;
  private NotificationLog.@Nullable Entry last;

  /** @param last what was notified about this group before a restart, if anything */
  AggregationGroup(Route route, String key, Map<String, String> groupLabels, Instant now,
      NotificationLog.@Nullable Entry last) {
    this.route = route;
    this.key = key;
    this.groupLabels = Map.copyOf(groupLabels);
    this.nextFlush = now.plus(route.groupWait());
    this.last = last;
  }

  /** What the group last notified, for the notification log. */
  NotificationLog.@Nullable Entry last() {
    return last;
  }

  /**
   * Takes the alert's latest state; a resolved alert is ignored unless the group holds it or last
   * notified it as firing.
   */
  void add(NotifiableAlert alert, Instant now) {
    String fp = alert.fingerprint();
    if (alert.resolved() && !alerts.containsKey(fp) && (last == null || !last.firing().contains(fp))) {
      return;
    }
    alerts.put(fp, alert);
    lastSeen.put(fp, now);
  }

  boolean isEmpty() {
    return alerts.isEmpty();
  }

  boolean due(Instant now) {
    return !now.isBefore(nextFlush);
  }

  /** The firing alerts' labels, which may inhibit others. */
  List<Map<String, String>> firingLabels() {
    return alerts.values().stream().filter(a -> !a.resolved()).map(NotifiableAlert::labels).toList();
  }

  /** Fingerprints of the alerts counted as muted, so that an alert muted for hours counts once. */
  boolean firstMute(String fingerprint) {
    return counted.add(fingerprint);
  }

  void unmuted(String fingerprint) {
    counted.remove(fingerprint);
  }

  /**
   * Decides, as Alertmanager's dedup stage does, whether this flush notifies: on a new firing
   * alert, on all alerts resolving, on a newly resolved one, or when repeat_interval has passed.
   * Resolved alerts leave the group afterwards, so each is notified as resolved once.
   *
   * @param muted whether an alert is silenced or inhibited now
   */
  Optional<List<NotifiableAlert>> flush(Instant now, Predicate<NotifiableAlert> muted, Duration resolveTimeout) {
    nextFlush = now.plus(route.groupInterval());
    for (Map.Entry<String, NotifiableAlert> e : alerts.entrySet()) {
      NotifiableAlert a = e.getValue();
      Instant seen = lastSeen.get(e.getKey());
      // Evaluation re-sends firing alerts every cycle; one that stopped coming (rule deleted) has ended.
      if (!a.resolved() && seen != null && !seen.plus(resolveTimeout).isAfter(now)) {
        e.setValue(new NotifiableAlert(a.labels(), a.annotations(), a.startsAt(), seen.plus(resolveTimeout),
            a.generatorUrl()));
      }
    }
    List<NotifiableAlert> visible = new ArrayList<>();
    for (NotifiableAlert a : alerts.values()) {
      if (!muted.test(a)) {
        visible.add(a);
      }
    }
    visible.sort(Comparator.comparing(a -> a.labels().toString()));
    Set<String> firing = new HashSet<>();
    Set<String> resolved = new HashSet<>();
    visible.forEach(a -> (a.resolved() ? resolved : firing).add(a.fingerprint()));
    boolean notify = !visible.isEmpty() && needsUpdate(firing, resolved, now);
    if (notify) {
      last = new NotificationLog.Entry(firing, resolved, now);
    }
    alerts.values().removeIf(a -> {
      if (a.resolved()) {
        lastSeen.remove(a.fingerprint());
        counted.remove(a.fingerprint());
        return true;
      }
      return false;
    });
    return notify ? Optional.of(visible) : Optional.empty();
  }

  private boolean needsUpdate(Set<String> firing, Set<String> resolved, Instant now) {
    if (last == null) {
      return !firing.isEmpty();
    }
    if (!last.firing().containsAll(firing)) {
      return true;
    }
    if (firing.isEmpty()) {
      return !last.firing().isEmpty();
    }
    if (!last.resolved().containsAll(resolved)) {
      return true;
    }
    return !now.isBefore(last.sentAt().plus(route.repeatInterval()));
  }
}
