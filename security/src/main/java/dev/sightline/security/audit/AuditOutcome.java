package dev.sightline.security.audit;

import java.util.Locale;

/** How an audited action ended; written in lower case ({@code allowed}, {@code denied}, {@code failed}). */
public enum AuditOutcome {
  /** The action was permitted and done. */
  ALLOWED,
  /** Authentication or authorisation refused it. */
  DENIED,
  /** It was permitted but did not complete. */
  FAILED;

  /** The name used in the log and the API. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #label()}; the error names the field and the accepted values. */
  public static AuditOutcome parse(String label) {
    for (AuditOutcome o : values()) {
      if (o.label().equals(label)) {
        return o;
      }
    }
    throw new IllegalArgumentException("outcome must be allowed, denied or failed, was '" + label + "'");
  }
}
