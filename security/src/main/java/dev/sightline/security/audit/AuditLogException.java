package dev.sightline.security.audit;

/**
 * The audit log cannot be opened or written. An append that throws this recorded nothing; the
 * caller decides whether the audited action may go ahead unrecorded.
 */
public final class AuditLogException extends RuntimeException {
  public AuditLogException(String message) {
    super(message);
  }

  public AuditLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
