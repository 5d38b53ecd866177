package dev.sightline.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The rules for one metric data point of any type; see {@link OtlpValidator}. */
final class DataPointRules {
  private final AttributeLimits limits;

  DataPointRules(AttributeLimits limits) {
    this.limits = limits;
  }

  /**
   * The first problem with the point, or null when it is valid.
   *
   * @param checked attributes already found within the limits, not checked again when the point
   *     holds this very list (points converted from one Prometheus series share theirs)
   */
  @Nullable String problem(Message point, @Nullable List<KeyValue> checked) {
    return switch (point) {
      case NumberDataPoint p -> common(p.getTimeUnixNano(), p.getAttributesList(), checked, p.getExemplarsList());
      case HistogramDataPoint p -> {
        String problem = common(p.getTimeUnixNano(), p.getAttributesList(), checked, p.getExemplarsList());
        yield problem != null ? problem : buckets(p);
      }
      case ExponentialHistogramDataPoint p ->
          common(p.getTimeUnixNano(), p.getAttributesList(), checked, p.getExemplarsList());
      case SummaryDataPoint p -> {
        String problem = common(p.getTimeUnixNano(), p.getAttributesList(), checked, List.of());
        yield problem != null ? problem : quantiles(p);
      }
      default -> throw new IllegalArgumentException(
          "not an OTLP metric data point: " + point.getDescriptorForType().getFullName());
    };
  }

  /** The attributes of a data point of any type. */
  static List<KeyValue> attributes(Message point) {
    return switch (point) {
      case NumberDataPoint p -> p.getAttributesList();
      case HistogramDataPoint p -> p.getAttributesList();
      case ExponentialHistogramDataPoint p -> p.getAttributesList();
      case SummaryDataPoint p -> p.getAttributesList();
      default -> throw new IllegalArgumentException(
          "not an OTLP metric data point: " + point.getDescriptorForType().getFullName());
    };
  }

  private @Nullable String common(long time, List<KeyValue> attributes, @Nullable List<KeyValue> checked,
      List<Exemplar> exemplars) {
    if (time == 0) {
      return "timeUnixNano is missing (0)";
    }
    String problem = attributes == checked ? null : limits.check(attributes);
    for (int e = 0; problem == null && e < exemplars.size(); e++) {
      String exemplar = exemplar(exemplars.get(e));
      problem = exemplar == null ? null : "exemplars[" + e + "]: " + exemplar;
    }
    return problem;
  }

  private @Nullable String exemplar(Exemplar exemplar) {
    String problem = IdChecks.optional("traceId", exemplar.getTraceId(), IdChecks.TRACE_ID_BYTES);
    if (problem == null) {
      problem = IdChecks.optional("spanId", exemplar.getSpanId(), IdChecks.SPAN_ID_BYTES);
    }
    return problem != null ? problem : limits.check(exemplar.getFilteredAttributesList());
  }

  private static @Nullable String buckets(HistogramDataPoint p) {
    int buckets = p.getBucketCountsCount();
    int bounds = p.getExplicitBoundsCount();
    if (buckets != 0 && buckets != bounds + 1) {
      return "bucketCounts has " + buckets + " entries, expected 0 or one more than the "
          + bounds + " explicitBounds (" + (bounds + 1) + ")";
    }
    for (int i = 0; i < bounds; i++) {
      double bound = p.getExplicitBounds(i);
      if (Double.isNaN(bound)) {
        return "explicitBounds[" + i + "] is NaN";
      }
      if (i > 0 && !(bound > p.getExplicitBounds(i - 1))) {
        return "explicitBounds must be strictly increasing, but explicitBounds[" + i + "] = " + bound
            + " follows " + p.getExplicitBounds(i - 1);
      }
    }
    return null;
  }

  private static @Nullable String quantiles(SummaryDataPoint p) {
    for (int i = 0; i < p.getQuantileValuesCount(); i++) {
      double q = p.getQuantileValues(i).getQuantile();
      if (!(q >= 0 && q <= 1)) {
        return "quantileValues[" + i + "].quantile is " + q + ", expected a value within [0, 1]";
      }
    }
    return null;
  }
}
