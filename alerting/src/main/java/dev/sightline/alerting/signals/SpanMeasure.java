package dev.sightline.alerting.signals;

import dev.sightline.storage.SpanStatsRow;
import java.time.Duration;
import java.util.Locale;

/** What a trace rule measures of the spans of a group over its window. */
public enum SpanMeasure {
  /** The share of spans with status ERROR, 0..1. */
  ERROR_RATE,
  /** The rule's quantile of span durations, in seconds. */
  LATENCY_QUANTILE,
  /** How many spans started in the window. */
  COUNT,
  /** Spans per second over the window. */
  RATE_PER_SECOND;

  /** NaN when the group has no spans to measure (then the rule does not fire for it). */
  double of(SpanStatsRow row, Duration window) {
    return switch (this) {
      case ERROR_RATE -> row.errorRate();
      case LATENCY_QUANTILE -> row.latencyQuantileNanos() / 1e9;
      case COUNT -> row.spanCount();
      case RATE_PER_SECOND -> row.spanCount() / (window.toNanos() / 1e9);
    };
  }

  /** The name rules use: {@code error_rate}, {@code latency_quantile}, {@code count}, {@code rate_per_second}. */
  public String ruleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the field and the accepted values
   */
  public static SpanMeasure parse(String value) {
    for (SpanMeasure m : values()) {
      if (m.ruleName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("measure must be one of error_rate, latency_quantile, count, "
        + "rate_per_second; was \"" + value + "\"");
  }
}
