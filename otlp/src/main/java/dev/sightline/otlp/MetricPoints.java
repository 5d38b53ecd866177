package dev.sightline.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/** The data points of a metric whatever its type, which OTLP keeps in a different field per type. */
public final class MetricPoints {
  private MetricPoints() {}

  /** The points; empty for a metric without data. */
  public static List<? extends Message> of(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsList();
      case SUM -> metric.getSum().getDataPointsList();
      case HISTOGRAM -> metric.getHistogram().getDataPointsList();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsList();
      case SUMMARY -> metric.getSummary().getDataPointsList();
      case DATA_NOT_SET -> List.of();
    };
  }

  /** The JSON path of the points within the metric, such as {@code sum.dataPoints}. */
  static String field(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> "gauge.dataPoints";
      case SUM -> "sum.dataPoints";
      case HISTOGRAM -> "histogram.dataPoints";
      case EXPONENTIAL_HISTOGRAM -> "exponentialHistogram.dataPoints";
      case SUMMARY -> "summary.dataPoints";
      case DATA_NOT_SET -> "";
    };
  }

  /** The metric with only the points whose index within it passes {@code kept}. */
  static Metric keeping(Metric m, IntPredicate kept) {
    Metric.Builder out = m.toBuilder();
    switch (m.getDataCase()) {
      case GAUGE -> out.getGaugeBuilder().clearDataPoints()
          .addAllDataPoints(filter(m.getGauge().getDataPointsList(), kept));
      case SUM -> out.getSumBuilder().clearDataPoints()
          .addAllDataPoints(filter(m.getSum().getDataPointsList(), kept));
      case HISTOGRAM -> out.getHistogramBuilder().clearDataPoints()
          .addAllDataPoints(filter(m.getHistogram().getDataPointsList(), kept));
      case EXPONENTIAL_HISTOGRAM -> out.getExponentialHistogramBuilder().clearDataPoints()
          .addAllDataPoints(filter(m.getExponentialHistogram().getDataPointsList(), kept));
      case SUMMARY -> out.getSummaryBuilder().clearDataPoints()
          .addAllDataPoints(filter(m.getSummary().getDataPointsList(), kept));
      case DATA_NOT_SET -> {}
    }
    return out.build();
  }

  private static <P> List<P> filter(List<P> points, IntPredicate kept) {
    List<P> out = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      if (kept.test(i)) {
        out.add(points.get(i));
      }
    }
    return out;
  }
}
