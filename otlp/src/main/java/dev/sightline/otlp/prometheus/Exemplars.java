package dev.sightline.otlp.prometheus;

import dev.sightline.otlp.Ids;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OTLP exemplars as Prometheus exemplars: labels from the filtered attributes plus
 * {@code trace_id} and {@code span_id} in lowercase hex, so that a metric links to its traces.
 */
final class Exemplars {
  private Exemplars() {}

  static void send(SampleSink sink, Map<String, String> series, List<Exemplar> exemplars) {
    for (Exemplar e : exemplars) {
      TreeMap<String, String> labels = new TreeMap<>();
      e.getFilteredAttributesList().forEach(kv ->
          labels.put(PrometheusNames.labelName(kv.getKey()), PrometheusMapping.labelValue(kv.getValue())));
      if (!e.getTraceId().isEmpty()) {
        labels.put("trace_id", Ids.toHex(e.getTraceId()));
      }
      if (!e.getSpanId().isEmpty()) {
        labels.put("span_id", Ids.toHex(e.getSpanId()));
      }
      double value = e.getValueCase() == Exemplar.ValueCase.AS_INT ? e.getAsInt() : e.getAsDouble();
      sink.exemplar(series, Math.floorDiv(e.getTimeUnixNano(), 1_000_000L), value, labels);
    }
  }

  /** The bucket bound an exemplar of {@code value} belongs to: the smallest bound at or above it. */
  static double bucketOf(double value, List<Double> bounds) {
    for (double b : bounds) {
      if (value <= b) {
        return b;
      }
    }
    return Double.POSITIVE_INFINITY;
  }
}
