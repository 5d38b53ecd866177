package dev.sightline.storage;

/** What a backend can do, so callers and the conformance kit adapt instead of failing. */
public enum Capability {
  /** Stores spans and answers trace queries. */
  TRACES,
  /** Stores log records and answers log queries. */
  LOGS,
  /** Stores metric points of every OTLP type and answers series queries. */
  METRICS,
  /**
   * Replaying entries above {@link StorageWriter#checkpoint()} after a crash never shows anything
   * twice, even when part of the interrupted batch had been stored.
   */
  IDEMPOTENT_REPLAY,
  /** Regular-expression label matchers. */
  REGEX_MATCHERS,
  /** Stored spans and log records can be changed in place ({@link Storage#rewriter()}). */
  REWRITE,
  /** Metrics are also kept as Prometheus series of samples ({@link Storage#samples()}). */
  SAMPLES,
  /** Log records can be counted by group without reading them ({@link Storage#logCounter()}). */
  LOG_COUNTS,
  /** Spans can be aggregated by group without reading them ({@link Storage#spanStatistics()}). */
  SPAN_STATISTICS,
  /** Data moves through warm, cold and archive tiers and queries read them ({@link Storage#tiers()}). */
  TIERS,
  /** Items can be deleted on request, in every tier ({@link Storage#deleter()}). */
  DELETE,
  /** A time range of a signal can be exported and read back for import ({@link Storage#exporter()}). */
  EXPORT
}
