package dev.sightline.alerting.notify;

/** A delivery failed; {@code retryable} when trying again may help (5xx, 429, connection errors). */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public DeliveryException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public DeliveryException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
