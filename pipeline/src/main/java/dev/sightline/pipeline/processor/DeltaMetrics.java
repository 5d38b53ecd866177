package dev.sightline.pipeline.processor;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.util.List;

/**
 * Delta metrics that processors derive from spans: a count and a histogram per key, for the span
 * seen in one batch. Deltas make a replayed batch recompute exactly what it wrote before.
 */
final class DeltaMetrics {
  private DeltaMetrics() {}

  /** A histogram being filled: count, sum, min, max and the bucket counts over fixed bounds. */
  static final class Distribution {
    final List<Double> bounds;
    final long[] buckets;
    long count;
    double sum;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    long firstNanos = Long.MAX_VALUE;
    long lastNanos = Long.MIN_VALUE;

    Distribution(List<Double> bounds) {
      this.bounds = bounds;
      this.buckets = new long[bounds.size() + 1];
    }

    void add(double value, long atNanos) {
      int b = 0;
      while (b < bounds.size() && value > bounds.get(b)) {
        b++;
      }
      buckets[b]++;
      count++;
      sum += value;
      min = Math.min(min, value);
      max = Math.max(max, value);
      firstNanos = Math.min(firstNanos, atNanos);
      lastNanos = Math.max(lastNanos, atNanos);
    }
  }

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  static Metric counter(String name, String unit, String description, List<KeyValue> attributes,
      long startNanos, long timeNanos, long value) {
    return Metric.newBuilder().setName(name).setUnit(unit).setDescription(description)
        .setSum(Sum.newBuilder().setIsMonotonic(true)
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
            .addDataPoints(NumberDataPoint.newBuilder().addAllAttributes(attributes)
                .setStartTimeUnixNano(startNanos).setTimeUnixNano(timeNanos).setAsInt(value)))
        .build();
  }

  static Metric histogram(String name, String unit, String description, List<KeyValue> attributes, Distribution d) {
    HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().addAllAttributes(attributes)
        .setStartTimeUnixNano(d.firstNanos).setTimeUnixNano(d.lastNanos).setCount(d.count).setSum(d.sum)
        .setMin(d.min).setMax(d.max).addAllExplicitBounds(d.bounds);
    for (long c : d.buckets) {
      point.addBucketCounts(c);
    }
    return Metric.newBuilder().setName(name).setUnit(unit).setDescription(description)
        .setHistogram(Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
            .addDataPoints(point))
        .build();
  }
}
