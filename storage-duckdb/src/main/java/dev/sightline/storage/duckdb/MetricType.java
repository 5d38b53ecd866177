package dev.sightline.storage.duckdb;

import io.opentelemetry.proto.metrics.v1.Metric;

/** The OTLP metric data type, with the code stored in the {@code type} column. */
enum MetricType {
  GAUGE(1), SUM(2), HISTOGRAM(3), EXPONENTIAL_HISTOGRAM(4), SUMMARY(5);

  private final int code;

  MetricType(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  static MetricType of(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> GAUGE;
      case SUM -> SUM;
      case HISTOGRAM -> HISTOGRAM;
      case EXPONENTIAL_HISTOGRAM -> EXPONENTIAL_HISTOGRAM;
      case SUMMARY -> SUMMARY;
      case DATA_NOT_SET -> throw new IllegalArgumentException(
          "metric '" + metric.getName() + "' has no data; validation should have rejected it");
    };
  }

  static MetricType ofCode(int code) {
    for (MetricType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown metric type code " + code);
  }
}
