package dev.sightline.security;

import java.util.Locale;

/** How sensitive a value is, least to most. */
public enum DataClass {
  PUBLIC, PERSONAL, CONFIDENTIAL, RESTRICTED;

  /** Reads {@code personal}, {@code confidential}, … as written in configuration. */
  public static DataClass parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + name + "' is not a data class; use public, personal, confidential or restricted");
    }
  }
}
