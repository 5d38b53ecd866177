package dev.sightline.storage.tier;

import java.util.Locale;

/** The three signals, as tiers and retention name them. */
public enum SignalType {
  TRACES,
  METRICS,
  LOGS;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The signal of a label ({@code traces}, {@code metrics}, {@code logs}). */
  public static SignalType of(String label) {
    for (SignalType s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("'" + label + "' is not a signal (traces, metrics or logs)");
  }
}
