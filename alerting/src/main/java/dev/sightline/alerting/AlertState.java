package dev.sightline.alerting;

/** Where an alert is in its life; an alert whose condition does not hold is inactive and not kept. */
public enum AlertState {
  /** The condition holds, for less than the rule's {@code for}. */
  PENDING,
  /** The condition has held for {@code for} (or stopped less than {@code keep_firing_for} ago). */
  FIRING,
  /** It fired and its condition stopped holding; notified once as resolved, then forgotten. */
  RESOLVED;

  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
