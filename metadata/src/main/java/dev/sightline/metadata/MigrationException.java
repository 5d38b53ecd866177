package dev.sightline.metadata;

/** The schema cannot be brought to this version: a migration changed after it was applied, or failed. */
public final class MigrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }

  public MigrationException(String message) {
    super(message);
  }
}
