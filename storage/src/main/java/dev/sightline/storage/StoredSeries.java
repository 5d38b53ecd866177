package dev.sightline.storage;

import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.Map;

/**
 * One series: its labels and the metric (name, description, unit, type) holding exactly the series'
 * points in the queried range, oldest first. Labels are {@code __name__}, the resource attributes
 * and the point attributes (point attributes win), values as text.
 */
public record StoredSeries(Map<String, String> labels, Scoped origin, Metric metric) {
  public StoredSeries {
    labels = Map.copyOf(labels);
  }
}
