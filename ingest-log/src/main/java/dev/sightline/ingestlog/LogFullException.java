package dev.sightline.ingestlog;

/** The log refuses an append for now; clients should retry after {@link #retryAfterSeconds()}. */
public final class LogFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int retryAfterSeconds;
  private final boolean backlogFull;

  public LogFullException(String message, int retryAfterSeconds, boolean backlogFull) {
    super(message, null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
    this.backlogFull = backlogFull;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /**
   * True when the unprocessed backlog is over its limit (the service is behind: 503/UNAVAILABLE),
   * false when the append queue is momentarily full (429/RESOURCE_EXHAUSTED).
   */
  public boolean backlogFull() {
    return backlogFull;
  }
}
