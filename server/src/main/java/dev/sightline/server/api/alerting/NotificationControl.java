package dev.sightline.server.api.alerting;

import dev.sightline.alerting.notify.NotificationDispatcher;
import java.util.Map;

/** The notification settings in force, and replacing them through the API. */
public interface NotificationControl {

  NotificationDispatcher dispatcher();

  /** The {@code notifications:} section in force. */
  Map<String, Object> section();

  /** Where it comes from: {@code api}, {@code file} or {@code none}. */
  String source();

  /** @throws IllegalArgumentException naming the wrong setting; nothing changes then */
  void replace(Map<String, Object> section);

  /** Back to the config file's section. */
  void reset();
}
