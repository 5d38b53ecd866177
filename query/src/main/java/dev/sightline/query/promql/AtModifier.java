package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

/**
 * The {@code @} modifier: evaluation pinned to a timestamp, or to the start or end of the query,
 * which are only known when the query runs.
 */
public record AtModifier(Kind kind, long timestampMs) {
  public enum Kind { TIMESTAMP, START, END }

  public AtModifier {
    requireNonNull(kind, "kind");
  }

  /** The pinned time for a query running from {@code startMs} to {@code endMs}. */
  public long resolve(long startMs, long endMs) {
    return switch (kind) {
      case TIMESTAMP -> timestampMs;
      case START -> startMs;
      case END -> endMs;
    };
  }
}
