package dev.sightline.alerting.notify;

/** Where a silence is in its life, as in Alertmanager's API. */
public enum SilenceState {
  PENDING, ACTIVE, EXPIRED;

  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
