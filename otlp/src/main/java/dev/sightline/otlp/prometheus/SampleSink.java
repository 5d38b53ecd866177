package dev.sightline.otlp.prometheus;

import java.util.Map;

/** Receives the Prometheus samples an OTLP metric maps to. */
@FunctionalInterface
public interface SampleSink {

  /**
   * One sample of the series named by {@code labels} ({@code __name__} included, no empty
   * values), at {@code timestampMs}. The map is not changed after the call, so a sink may keep
   * it, and consecutive samples of one series may pass the same map.
   */
  void sample(Map<String, String> labels, long timestampMs, double value);

  /** What a metric family is: its type ({@code counter}, {@code gauge}, …), help and unit. */
  default void metadata(String family, String type, String help, String unit) {}

  /**
   * An exemplar of the series named by {@code series} (as passed to {@link #sample}): its labels
   * ({@code trace_id}, {@code span_id}, …), time and value.
   */
  default void exemplar(Map<String, String> series, long timestampMs, double value, Map<String, String> labels) {}
}
