package dev.sightline.storage.clickhouse;

import java.util.List;

/**
 * Tables of the ClickHouse store, one row per span, log record and metric point, every row with
 * the ingest-log sequence ({@code seq}) it came from and the name of the writer that stored it
 * ({@code writer}; one per ingest log), so that the rows of an interrupted batch can be deleted
 * before it is replayed. All are MergeTree tables partitioned by day, so retention is
 * TTL where the server has it and {@code DROP PARTITION} otherwise.
 *
 * <p>{@code spans} is ordered for search (tenant, service, start); {@code trace_index} is ordered
 * by (tenant, trace id) and says which services and start range a trace has, so a trace by id
 * reads only the granules of {@code spans} that hold it. The item itself is kept as protobuf
 * ({@code span}, {@code record}, {@code point}) without the fields held in columns (its end is
 * start plus duration; its own attributes are in {@link AttributeColumns}), and its resource and
 * scope as {@code origin}.
 */
final class Schema {
  /** The tables of rows from the ingest log: deleted above the checkpoint, expired by day. */
  static final List<String> SIGNAL_TABLES = List.of("spans", "trace_index", "logs", "points");

  static final String SPAN_COLUMNS = "day, tenant, seq, writer, service, name, kind, start_ns, "
      + "duration_ns, status_code, is_root, trace_id, attr_keys, attr_values, attr_kinds, span, origin";
  static final String TRACE_INDEX_COLUMNS = "day, tenant, seq, writer, trace_id, service, start_min, start_max";
  static final String LOG_COLUMNS = "day, tenant, seq, writer, log_id, ts, severity_number, severity_text, "
      + "service, body_text, trace_id, attr_keys, attr_values, attr_kinds, record, origin";
  static final String POINT_COLUMNS = "day, tenant, seq, writer, metric_name, fingerprint, label_keys, "
      + "label_values, time_ns, value, shell, point, origin";

  /** Bits of a log id below the ingest-log sequence: the record's index within its entry. */
  static final int LOG_INDEX_BITS = 20;

  private final ServerVersion version;
  private final int retentionDays;

  Schema(ServerVersion version, int retentionDays) {
    this.version = version;
    this.retentionDays = retentionDays;
  }

  List<String> statements() {
    return List.of(PartitionSources.DDL,
        "CREATE TABLE IF NOT EXISTS checkpoint (writer String, position UInt64, replay_from UInt64) "
            + "ENGINE = MergeTree ORDER BY (writer, position)",
        "CREATE TABLE IF NOT EXISTS spans (day Date, tenant String, seq UInt64, writer String, service String, "
            + "name String, kind UInt8, start_ns UInt64" + codec("Delta, ZSTD(1)")
            + ", duration_ns Int64" + codec("ZSTD(1)")
            + ", status_code UInt8, is_root UInt8, trace_id FixedString(16)" + codec("ZSTD(1)")
            + ", attr_keys Array(String)" + codec("ZSTD(1)") + ", attr_values Array(String)" + codec("ZSTD(1)")
            + ", attr_kinds Array(UInt8), span String" + codec("ZSTD(1)") + ", origin String" + codec("ZSTD(1)")
            + index("trace_id") + ")" + engine("(tenant, service, start_ns)"),
        "CREATE TABLE IF NOT EXISTS trace_index (day Date, tenant String, seq UInt64, writer String, "
            + "trace_id FixedString(16), service String, start_min UInt64, start_max UInt64)"
            + engine("(tenant, trace_id)"),
        "CREATE TABLE IF NOT EXISTS logs (day Date, tenant String, seq UInt64, writer String, log_id UInt64, "
            + "ts UInt64" + codec("Delta, ZSTD(1)") + ", severity_number UInt8, severity_text String, "
            + "service String, body_text String" + codec("ZSTD(1)") + ", trace_id FixedString(16)"
            + codec("ZSTD(1)") + ", attr_keys Array(String)" + codec("ZSTD(1)")
            + ", attr_values Array(String)" + codec("ZSTD(1)") + ", attr_kinds Array(UInt8), record String" + codec("ZSTD(1)")
            + ", origin String" + codec("ZSTD(1)") + index("trace_id") + ")"
            + engine("(tenant, service, ts)"),
        "CREATE TABLE IF NOT EXISTS points (day Date, tenant String, seq UInt64, writer String, metric_name String, "
            + "fingerprint UInt64, label_keys Array(String)" + codec("ZSTD(1)")
            + ", label_values Array(String)" + codec("ZSTD(1)") + ", time_ns UInt64"
            + codec("DoubleDelta, ZSTD(1)") + ", value Float64" + codec("Gorilla, ZSTD(1)")
            + ", shell String" + codec("ZSTD(1)") + ", point String" + codec("ZSTD(1)")
            + ", origin String" + codec("ZSTD(1)") + ")"
            + engine("(tenant, metric_name, fingerprint, time_ns)"));
  }

  private String codec(String codecs) {
    return version.modern() ? " CODEC(" + codecs + ")" : "";
  }

  private String index(String column) {
    return version.modern() ? ", INDEX " + column + "_bloom " + column + " TYPE bloom_filter(0.01) GRANULARITY 1" : "";
  }

  private String engine(String orderBy) {
    String ttl = version.modern() && retentionDays > 0 ? " TTL day + INTERVAL " + retentionDays + " DAY" : "";
    return " ENGINE = MergeTree PARTITION BY day ORDER BY " + orderBy + ttl;
  }
}
