package dev.sightline.receivers.otlp;

/**
 * What happened to a request's items: how many were stored durably, how many were rejected and
 * why (empty when none was).
 */
public record IngestOutcome(long accepted, long rejected, String message) {

  /** True when the request had items and every one of them was invalid. */
  public boolean allRejected() {
    return accepted == 0 && rejected > 0;
  }
}
