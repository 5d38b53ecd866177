package dev.sightline.otlp;

import static dev.sightline.otlp.OtlpValidatorTracesTest.LIMITS;
import static dev.sightline.otlp.OtlpValidatorTracesTest.SPAN;
import static dev.sightline.otlp.OtlpValidatorTracesTest.TRACE;
import static dev.sightline.otlp.OtlpValidatorTracesTest.ZERO_SPAN;
import static dev.sightline.otlp.Protos.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpValidatorMetricsTest {
  private final OtlpValidator validator = new OtlpValidator(LIMITS);

  static NumberDataPoint.Builder number() {
    return NumberDataPoint.newBuilder().setTimeUnixNano(1_000).setAsDouble(1.5);
  }

  static HistogramDataPoint.Builder histogram() {
    return HistogramDataPoint.newBuilder().setTimeUnixNano(1_000).setCount(3)
        .addAllExplicitBounds(List.of(1.0, 2.0)).addAllBucketCounts(List.of(1L, 1L, 1L));
  }

  static SummaryDataPoint.Builder summary(double quantile) {
    return SummaryDataPoint.newBuilder().setTimeUnixNano(1_000).setCount(1)
        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(quantile).setValue(2));
  }

  static ExportMetricsServiceRequest request(Metric.Builder... metrics) {
    ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
    for (Metric.Builder metric : metrics) {
      scope.addMetrics(metric);
    }
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(scope)).build();
  }

  @Test
  void keepsTheGoodPointsAndNamesEachBadOne() {
    Metric.Builder gauge = Metric.newBuilder().setName("temp").setGauge(Gauge.newBuilder()
        .addDataPoints(number())
        .addDataPoints(number().setTimeUnixNano(0))
        .addDataPoints(number().addAttributes(kv("a", "1")).addAttributes(kv("b", "2"))
            .addAttributes(kv("c", "3")).addAttributes(kv("d", "4")))
        .addDataPoints(number().addExemplars(Exemplar.newBuilder().setTraceId(TRACE).setSpanId(ZERO_SPAN))));
    Metric.Builder sum = Metric.newBuilder().setName("requests").setSum(Sum.newBuilder()
        .addDataPoints(number().addExemplars(Exemplar.newBuilder().setTraceId(TRACE).setSpanId(SPAN)))
        .addDataPoints(number().addExemplars(Exemplar.newBuilder().setTraceId(ByteString.copyFromUtf8("short")))));
    Metric.Builder histogram = Metric.newBuilder().setName("latency").setHistogram(Histogram.newBuilder()
        .addDataPoints(histogram())
        .addDataPoints(histogram().clearBucketCounts())
        .addDataPoints(histogram().addBucketCounts(1))
        .addDataPoints(histogram().clearExplicitBounds().addAllExplicitBounds(List.of(2.0, 2.0))));
    Metric.Builder exponential = Metric.newBuilder().setName("size").setExponentialHistogram(
        ExponentialHistogram.newBuilder().addDataPoints(ExponentialHistogramDataPoint.newBuilder()
            .setTimeUnixNano(1_000).setScale(3).setCount(1)
            .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-2).addBucketCounts(1))));
    Metric.Builder summary = Metric.newBuilder().setName("gc").setSummary(Summary.newBuilder()
        .addDataPoints(summary(0.99)).addDataPoints(summary(1.5)).addDataPoints(summary(Double.NaN)));
    Metric.Builder nameless = Metric.newBuilder().setGauge(Gauge.newBuilder().addDataPoints(number())
        .addDataPoints(number()));
    Metric.Builder empty = Metric.newBuilder().setName("nothing");

    Validated<ExportMetricsServiceRequest> v =
        validator.metrics(request(gauge, sum, histogram, exponential, summary, nameless, empty));

    assertThat(v.accepted()).isEqualTo(request(
        Metric.newBuilder().setName("temp").setGauge(Gauge.newBuilder().addDataPoints(number())),
        Metric.newBuilder().setName("requests").setSum(Sum.newBuilder()
            .addDataPoints(number().addExemplars(Exemplar.newBuilder().setTraceId(TRACE).setSpanId(SPAN)))),
        Metric.newBuilder().setName("latency").setHistogram(Histogram.newBuilder()
            .addDataPoints(histogram()).addDataPoints(histogram().clearBucketCounts())),
        exponential,
        Metric.newBuilder().setName("gc").setSummary(Summary.newBuilder().addDataPoints(summary(0.99)))));
    assertThat(v.received()).isEqualTo(17);
    assertThat(v.rejected()).isEqualTo(11);
    String m = "resourceMetrics[0].scopeMetrics[0].metrics";
    assertThat(v.errors()).containsExactly(
        m + "[0].gauge.dataPoints[1] (metric \"temp\"): timeUnixNano is missing (0)",
        m + "[0].gauge.dataPoints[2] (metric \"temp\"): 4 attributes, more than the limit of 3",
        m + "[0].gauge.dataPoints[3] (metric \"temp\"): exemplars[0]: spanId is all zeros",
        m + "[1].sum.dataPoints[1] (metric \"requests\"): exemplars[0]: traceId must be empty or 16 bytes "
            + "(32 hex digits), got 5",
        m + "[2].histogram.dataPoints[2] (metric \"latency\"): bucketCounts has 4 entries, expected 0 or one "
            + "more than the 2 explicitBounds (3)",
        m + "[2].histogram.dataPoints[3] (metric \"latency\"): explicitBounds must be strictly increasing, "
            + "but explicitBounds[1] = 2.0 follows 2.0",
        m + "[4].summary.dataPoints[1] (metric \"gc\"): quantileValues[0].quantile is 1.5, expected a value "
            + "within [0, 1]",
        m + "[4].summary.dataPoints[2] (metric \"gc\"): quantileValues[0].quantile is NaN, expected a value "
            + "within [0, 1]",
        m + "[5].gauge.dataPoints[0] (metric \"\"): metric name is empty",
        m + "[5].gauge.dataPoints[1] (metric \"\"): metric name is empty",
        m + "[6] (metric \"nothing\"): has no data; expected one of gauge, sum, histogram, "
            + "exponentialHistogram or summary");
    assertThat(v.summary()).startsWith("rejected 11 of 17 data points: " + m + "[0].gauge.dataPoints[1]")
        .endsWith("; and 6 more");
  }

  @Test
  void tooManyDataPointsAcrossAllTypesIsRefusedWhole() {
    Gauge.Builder gauge = Gauge.newBuilder();
    for (int i = 0; i < 10; i++) {
      gauge.addDataPoints(number());
    }
    Summary.Builder summaries = Summary.newBuilder();
    for (int i = 0; i < 10; i++) {
      summaries.addDataPoints(summary(0.5));
    }
    ExportMetricsServiceRequest twenty = request(Metric.newBuilder().setName("g").setGauge(gauge),
        Metric.newBuilder().setName("s").setSummary(summaries));
    assertThat(validator.metrics(twenty).received()).isEqualTo(20);
    ExportMetricsServiceRequest more = twenty.toBuilder()
        .addResourceMetrics(twenty.getResourceMetrics(0).toBuilder().clearScopeMetrics()
            .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("h")
                .setHistogram(Histogram.newBuilder().addDataPoints(histogram())))))
        .build();
    assertThatThrownBy(() -> validator.metrics(more))
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessage("the request holds 21 data points, more than the limit of 20 per request; send smaller batches");
  }
}
