package dev.sightline.security.auth;

import java.util.Locale;

/** What a request needs: an action ({@code read}, {@code write}, {@code admin}) on a resource. */
public enum Permission {
  READ_TRACES, WRITE_TRACES, READ_METRICS, WRITE_METRICS, READ_LOGS, WRITE_LOGS,
  /** Change alerting and recording rules and silences. */
  WRITE_RULES,
  WRITE_REPORTS,
  /**
   * See values the pipeline classified as personal, confidential or restricted unmasked. Granted
   * by name (or {@code *}) only: {@code read:*} covers the signals, not these.
   */
  READ_PERSONAL, READ_CONFIDENTIAL, READ_RESTRICTED,
  /** Keys, roles, notification routes, re-runs and decryption: the system itself. */
  ADMIN_SYSTEM;

  /** As written in roles and errors: {@code read:traces}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT).replaceFirst("_", ":");
  }

  /** Whether this is the permission to see a data class unmasked, which {@code read:*} does not grant. */
  public boolean dataClass() {
    return this == READ_PERSONAL || this == READ_CONFIDENTIAL || this == READ_RESTRICTED;
  }

  public String action() {
    return text().substring(0, text().indexOf(':'));
  }
}
