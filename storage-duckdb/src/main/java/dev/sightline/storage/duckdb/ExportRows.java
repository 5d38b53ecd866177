package dev.sightline.storage.duckdb;

import dev.sightline.storage.tier.SignalType;

/**
 * The columns of an export, per signal: the reader's item columns, then the resource and scope
 * under names of their own, so that a Parquet export is self-contained and reads back in the same
 * positions the readers decode.
 */
enum ExportRows {
  TRACES(TieredTable.SPANS, "s", DuckDbTraceReader.SPAN_COLUMNS, "s.start_ns", "s.trace_id, s.start_ns, s.span_id", 16),
  LOGS(TieredTable.LOGS, "l", DuckDbLogReader.LOG_COLUMNS, "l.ts", "l.ts, l.log_id", 15),
  METRICS(TieredTable.POINTS, "p", SeriesAssembler.COLUMNS + ", ", "p.time_ns", "p.series_id, p.time_ns", 31);

  static final String ORIGIN = "r.id AS resource_id, r.attributes AS resource_attributes, r.dropped AS resource_dropped, "
      + "r.schema_url AS resource_schema_url, c.id AS scope_id, c.name AS scope_name, c.version AS scope_version, "
      + "c.attributes AS scope_attributes, c.dropped AS scope_dropped, c.schema_url AS scope_schema_url";
  final TieredTable table;
  final String alias;
  final String columns;
  final String time;
  final String order;
  /** The position of the first resource column. */
  final int origin;

  ExportRows(TieredTable table, String alias, String columns, String time, String order, int origin) {
    this.table = table;
    this.alias = alias;
    this.columns = columns;
    this.time = time;
    this.order = order;
    this.origin = origin;
  }

  static ExportRows of(SignalType signal) {
    return switch (signal) {
      case TRACES -> TRACES;
      case LOGS -> LOGS;
      case METRICS -> METRICS;
    };
  }

  /** The export query over {@code source}, for one tenant and time range, written in. */
  String select(String source, String tenant, long fromNs, long toNs) {
    return "SELECT " + columns + ORIGIN + " FROM " + source + " " + alias + " " + OriginColumns.join(alias)
        + " WHERE " + alias + ".tenant = " + ParquetFiles.literal(tenant) + " AND " + time + " BETWEEN " + fromNs
        + " AND " + toNs + " ORDER BY " + order;
  }

  /** Reading an export file back: its columns in the export's order, sorted as exported. */
  String readBack(String file) {
    String bare = columns.replace(alias + ".", "");
    return "SELECT " + bare + ORIGIN.replaceAll("[rc]\\.[a-z_]+ AS ", "") + " FROM read_parquet(" + ParquetFiles.literal(file)
        + ") ORDER BY " + order.replace(alias + ".", "");
  }
}
