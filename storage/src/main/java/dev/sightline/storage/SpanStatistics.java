package dev.sightline.storage;

import java.util.List;

/**
 * Aggregates spans instead of returning them: how many, how many failed, and a latency quantile,
 * per group. For trace alert rules; present when the backend has
 * {@link Capability#SPAN_STATISTICS}.
 */
public interface SpanStatistics {

  /**
   * One row per group of {@link SpanStatsQuery#groupBy()} that has matching spans, ordered by
   * group; with no dimensions exactly one row, whose counts may be zero.
   */
  List<SpanStatsRow> spanStats(SpanStatsQuery query);
}
