package dev.sightline.alerting;

/** A condition could not be evaluated at this time (storage unavailable, query limits, timeout). */
public final class AlertConditionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AlertConditionException(String message, Throwable cause) {
    super(message, cause);
  }

  public AlertConditionException(String message) {
    super(message);
  }
}
