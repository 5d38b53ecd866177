package dev.sightline.storage;

import java.util.Set;

/** One storage backend: a writer, readers per signal, and what it can do. */
public interface Storage extends AutoCloseable {

  Set<Capability> capabilities();

  StorageWriter writer();

  TraceReader traces();

  LogRecordReader logs();

  MetricReader metrics();

  /** Changes stored items in place; empty unless the backend has {@link Capability#REWRITE}. */
  default java.util.Optional<StoredDataRewriter> rewriter() {
    return java.util.Optional.empty();
  }

  /** Metrics as Prometheus samples; empty unless the backend has {@link Capability#SAMPLES}. */
  default java.util.Optional<SampleReader> samples() {
    return java.util.Optional.empty();
  }

  /** Metric family metadata; empty unless the backend has {@link Capability#SAMPLES}. */
  default java.util.Optional<MetricMetadataReader> metricMetadata() {
    return java.util.Optional.empty();
  }

  /** Exemplars of Prometheus series; empty unless the backend has {@link Capability#SAMPLES}. */
  default java.util.Optional<ExemplarReader> exemplars() {
    return java.util.Optional.empty();
  }

  /** Counts of log records by group; empty unless the backend has {@link Capability#LOG_COUNTS}. */
  default java.util.Optional<LogCounter> logCounter() {
    return java.util.Optional.empty();
  }

  /** Span counts, errors and latency by group; empty unless the backend has {@link Capability#SPAN_STATISTICS}. */
  default java.util.Optional<SpanStatistics> spanStatistics() {
    return java.util.Optional.empty();
  }

  /** Tiers, retention and the archive; empty unless the backend has {@link Capability#TIERS}. */
  default java.util.Optional<dev.sightline.storage.tier.Tiers> tiers() {
    return java.util.Optional.empty();
  }

  /** Deletion on request; empty unless the backend has {@link Capability#DELETE}. */
  default java.util.Optional<DataDeleter> deleter() {
    return java.util.Optional.empty();
  }

  /** Export and import of files; empty unless the backend has {@link Capability#EXPORT}. */
  default java.util.Optional<DataExporter> exporter() {
    return java.util.Optional.empty();
  }

  /** Flushes what is written and releases files and connections. */
  @Override
  void close();
}
