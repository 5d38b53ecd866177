package dev.sightline.alerting;

import java.util.List;

/**
 * Where evaluation hands alerts: after each evaluation of a group, every alert of it that fires
 * (again, so that a lost notification is made good) and every alert that resolved in that
 * evaluation. Implementations group, deduplicate, silence and route them; they must not block.
 */
public interface AlertSink {
  void send(List<NotifiableAlert> alerts);
}
