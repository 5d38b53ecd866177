package dev.sightline.storage;

import java.util.List;

/**
 * Counts log records instead of returning them, so that log alert rules need not page through
 * every match. Present when the backend has {@link Capability#LOG_COUNTS}.
 */
public interface LogCounter {

  /**
   * The number of matching log records per group of {@link LogCountQuery#groupBy()}, ordered by
   * group. Groups without a matching record are absent; with no dimensions there is exactly one
   * row, whose count may be zero.
   */
  List<CountRow> countLogs(LogCountQuery query);
}
