package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics of one group of spans: {@code group} maps each grouping dimension's label to its
 * value; {@code latencyQuantileNanos} is the query's quantile of their durations, interpolated
 * between the nearest two spans, and NaN when the group has no spans.
 */
public record SpanStatsRow(Map<String, String> group, long spanCount, long errorCount, double latencyQuantileNanos) {
  public SpanStatsRow {
    group = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(group, "group")));
    if (spanCount < 0 || errorCount < 0 || errorCount > spanCount) {
      throw new IllegalArgumentException("counts must satisfy 0 <= errorCount <= spanCount, were "
          + errorCount + " and " + spanCount);
    }
  }

  /** The share of spans with status ERROR; NaN without spans. */
  public double errorRate() {
    return spanCount == 0 ? Double.NaN : (double) errorCount / spanCount;
  }
}
