package dev.sightline.storage.duckdb;

import dev.sightline.otlp.prometheus.PrometheusMapping;

/**
 * What the sample store keeps across batches: the series index, the OTLP-to-Prometheus mapping
 * (with its delta totals), the configuration and the counters. Shared by writer, reader and
 * compactor; the appenders that write it ({@link SampleRows}) belong to the writing thread.
 */
final class SampleStore {
  final SeriesIndex index = new SeriesIndex();
  final PrometheusMapping mapping = new PrometheusMapping();
  final SampleCounters counters = new SampleCounters();
  final MetadataStore metadata = new MetadataStore();
  final SampleStoreConfig config;

  SampleStore(SampleStoreConfig config) {
    this.config = config;
  }
}
