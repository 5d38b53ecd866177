package dev.sightline.metadata;

import java.time.Instant;

/**
 * The notification configuration set through the API: {@code section} is the JSON of its routes,
 * receivers (their settings, secrets included, as the dispatcher needs them) and inhibit rules.
 */
public record NotificationConfigRecord(String name, String section, Instant updatedAt, long version)
    implements Versioned<NotificationConfigRecord> {
  /** The one row the API writes. */
  public static final String API = "api";

  @Override
  public NotificationConfigRecord withVersion(long v) {
    return new NotificationConfigRecord(name, section, updatedAt, v);
  }
}
