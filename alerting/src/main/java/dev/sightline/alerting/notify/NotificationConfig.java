package dev.sightline.alerting.notify;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code notifications:} section of the configuration, in Alertmanager's shape: the routing
 * tree, inhibit rules and receivers, plus Sightline's delivery settings. Build it with
 * {@link #parse(Map)}.
 *
 * @param resolveTimeout a firing alert not re-sent by evaluation for this long counts as resolved
 * @param historySize how many notifications {@link NotificationDispatcher#history()} keeps
 * @param queueCapacity how many alerts {@code send} buffers before it drops (and counts)
 */
public record NotificationConfig(Route route, List<InhibitRule> inhibitRules, List<ReceiverConfig> receivers,
    String externalUrl, RetryPolicy retry, Duration resolveTimeout, Duration httpTimeout, int historySize,
    int queueCapacity) {
  public NotificationConfig {
    requireNonNull(route, "route");
    inhibitRules = List.copyOf(inhibitRules);
    receivers = List.copyOf(receivers);
    requireNonNull(externalUrl, "externalUrl");
    requireNonNull(retry, "retry");
  }

  /** Parses the section; errors name the setting, e.g. {@code notifications.route.routes[1].matchers[0]}. */
  public static NotificationConfig parse(Map<String, Object> section) {
    return NotificationConfigParser.parse(section);
  }

  public Optional<ReceiverConfig> receiver(String name) {
    return receivers.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
