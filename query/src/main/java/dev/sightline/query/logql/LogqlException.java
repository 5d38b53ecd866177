package dev.sightline.query.logql;

/** A query that does not parse or cannot be evaluated, with the reason (and position) to show the user. */
public final class LogqlException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public LogqlException(String message) {
    super(message);
  }
}
