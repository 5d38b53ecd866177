package dev.sightline.storage.duckdb;

import dev.sightline.storage.tier.SignalType;

/**
 * A table whose rows move through the tiers, with the expressions giving a row's time range in
 * nanoseconds and the order its Parquet files are sorted in: spans by trace id, so that a trace
 * is found from row-group statistics; the others by what their queries select on.
 */
enum TieredTable {
  SPANS("spans", SignalType.TRACES, "start_ns", "start_ns", "trace_id, start_ns"),
  LOGS("logs", SignalType.LOGS, "ts", "ts", "service, ts"),
  POINTS("points", SignalType.METRICS, "time_ns", "time_ns", "metric_name, series_id, time_ns"),
  CHUNKS("chunks", SignalType.METRICS, "(min_t * 1000000)", "(max_t * 1000000)", "series_id, min_t");

  static final long DAY_NANOS = 86_400_000_000_000L;
  final String table;
  final SignalType signal;
  final String minNs;
  final String maxNs;
  final String order;

  TieredTable(String table, SignalType signal, String minNs, String maxNs, String order) {
    this.table = table;
    this.signal = signal;
    this.minNs = minNs;
    this.maxNs = maxNs;
    this.order = order;
  }

  /** The day a row belongs to: the day of its newest time, so a row moves once all of it is old. */
  String day() {
    return "(" + maxNs + " // " + DAY_NANOS + ")";
  }

  static TieredTable of(String table) {
    for (TieredTable t : values()) {
      if (t.table.equals(table)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no tiered table " + table);
  }
}
