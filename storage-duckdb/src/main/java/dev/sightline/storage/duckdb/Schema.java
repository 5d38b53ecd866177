package dev.sightline.storage.duckdb;

import java.util.List;

/**
 * Tables of the embedded store. Every signal row carries the ingest-log sequence it came from
 * ({@code seq}, or {@code log_id >> 20} for logs) so that rows of a batch interrupted by a crash
 * can be removed before the batch is replayed: DuckDB appenders commit on their own.
 *
 * <p>Metrics are also kept as Prometheus samples: {@code series} holds each label set once (labels
 * as sorted JSON, ids assigned by the writer, the label index rebuilt in memory on start), and
 * {@code chunks} the samples as compressed chunks ({@code level} 0 as written, one per series and
 * batch; 1 once merged by the compactor). Times there are milliseconds. {@code rollups} holds one
 * row per series, resolution ({@code res_ms}) and rollup pass: the windows whose last samples lie
 * in {@code [t_min, t_max]}, encoded as a {@link RollupBlock} ({@link RollupJob});
 * {@code rollup_progress} the end of the windows computed so far, per resolution.
 */
final class Schema {
  private Schema() {}

  static final List<String> TABLES = List.of(
      """
      CREATE TABLE IF NOT EXISTS checkpoint(position BIGINT NOT NULL)""",
      """
      ALTER TABLE checkpoint ADD COLUMN IF NOT EXISTS replay_from BIGINT""",
      """
      CREATE TABLE IF NOT EXISTS resources(
        id BIGINT NOT NULL, attributes VARCHAR NOT NULL, dropped INTEGER NOT NULL,
        schema_url VARCHAR NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS scopes(
        id BIGINT NOT NULL, name VARCHAR NOT NULL, version VARCHAR NOT NULL,
        attributes VARCHAR NOT NULL, dropped INTEGER NOT NULL, schema_url VARCHAR NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS spans(
        tenant VARCHAR NOT NULL, seq BIGINT NOT NULL,
        trace_id BLOB NOT NULL, span_id BLOB NOT NULL, parent_span_id BLOB NOT NULL,
        trace_state VARCHAR NOT NULL, flags INTEGER NOT NULL, name VARCHAR NOT NULL,
        kind TINYINT NOT NULL, start_ns BIGINT NOT NULL, end_ns BIGINT NOT NULL,
        duration_ns BIGINT NOT NULL, status_code TINYINT NOT NULL, status_message VARCHAR NOT NULL,
        service VARCHAR NOT NULL, resource_id BIGINT NOT NULL, scope_id BIGINT NOT NULL,
        attributes VARCHAR NOT NULL, dropped_attributes INTEGER NOT NULL,
        events BLOB, links BLOB)""",
      """
      CREATE TABLE IF NOT EXISTS logs(
        tenant VARCHAR NOT NULL, log_id BIGINT NOT NULL, ts BIGINT NOT NULL,
        time_ns BIGINT NOT NULL, observed_ns BIGINT NOT NULL, severity_number TINYINT NOT NULL,
        severity_text VARCHAR NOT NULL, body VARCHAR, body_json VARCHAR, trace_id BLOB NOT NULL,
        span_id BLOB NOT NULL, flags INTEGER NOT NULL, service VARCHAR NOT NULL,
        resource_id BIGINT NOT NULL, scope_id BIGINT NOT NULL, attributes VARCHAR NOT NULL,
        dropped_attributes INTEGER NOT NULL, event_name VARCHAR NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS points(
        tenant VARCHAR NOT NULL, seq BIGINT NOT NULL, series_id BIGINT NOT NULL,
        metric_name VARCHAR NOT NULL, description VARCHAR NOT NULL, unit VARCHAR NOT NULL,
        metadata VARCHAR NOT NULL, type TINYINT NOT NULL, temporality TINYINT NOT NULL,
        monotonic BOOLEAN NOT NULL, service VARCHAR NOT NULL, resource_id BIGINT NOT NULL,
        scope_id BIGINT NOT NULL, attributes VARCHAR NOT NULL, start_ns BIGINT NOT NULL,
        time_ns BIGINT NOT NULL, flags INTEGER NOT NULL, value_double DOUBLE, value_int BIGINT,
        count BIGINT, sum DOUBLE, min DOUBLE, max DOUBLE, bounds DOUBLE[], bucket_counts BIGINT[],
        scale INTEGER, zero_count BIGINT, zero_threshold DOUBLE, pos_offset INTEGER,
        pos_counts BIGINT[], neg_offset INTEGER, neg_counts BIGINT[], quantiles DOUBLE[],
        quantile_values DOUBLE[], exemplars BLOB)""",
      """
      CREATE TABLE IF NOT EXISTS series(
        tenant VARCHAR NOT NULL, series_id INTEGER NOT NULL, metric_name VARCHAR NOT NULL,
        labels VARCHAR NOT NULL, fingerprint BIGINT NOT NULL, seq BIGINT NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS chunks(
        tenant VARCHAR NOT NULL, series_id INTEGER NOT NULL, min_t BIGINT NOT NULL,
        max_t BIGINT NOT NULL, n INTEGER NOT NULL, seq BIGINT NOT NULL, level TINYINT NOT NULL,
        data BLOB NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS rollups(
        tenant VARCHAR NOT NULL, series_id INTEGER NOT NULL, res_ms INTEGER NOT NULL,
        t_min BIGINT NOT NULL, t_max BIGINT NOT NULL, windows INTEGER NOT NULL, data BLOB NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS rollup_progress(res_ms INTEGER NOT NULL, done_until BIGINT NOT NULL)""",
      MetadataStore.TABLE,
      ExemplarStore.TABLE);

  /** Bits of a log id below the ingest-log sequence: the record's index within its entry. */
  static final int LOG_INDEX_BITS = 20;

  static final int MAX_ITEMS_PER_ENTRY = 1 << LOG_INDEX_BITS;
}
