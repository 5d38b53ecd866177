package dev.sightline.otlp;

import static dev.sightline.otlp.OtlpJsonTracesTest.bytes;
import static dev.sightline.otlp.Protos.kv;
import static dev.sightline.otlp.Protos.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
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
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpJsonMetricsTest {
  static final String METRICS = """
      {"resourceMetrics": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "shop"}}]},
        "scopeMetrics": [{
          "scope": {"name": "meter"},
          "metrics": [
            {"name": "temperature", "unit": "Cel", "description": "room °C",
             "gauge": {"dataPoints": [{"timeUnixNano": "1767225600000000000", "asDouble": 21.5,
               "attributes": [{"key": "room", "value": {"stringValue": "küche"}}]}]}},
            {"name": "requests", "unit": "1",
             "sum": {"aggregationTemporality": 2, "isMonotonic": true, "dataPoints": [{
               "startTimeUnixNano": 1767225500000000000, "timeUnixNano": "1767225600000000000",
               "asInt": "9007199254740993",
               "exemplars": [{"timeUnixNano": "1767225599000000000", "asInt": 3,
                 "traceId": "5B8EFFF798038103D269B633813FC60C", "spanId": "EEE19B7EC3C1B174",
                 "filteredAttributes": [{"key": "user", "value": {"stringValue": "u1"}}]}]}]}},
            {"name": "latency", "unit": "s",
             "histogram": {"aggregationTemporality": "AGGREGATION_TEMPORALITY_DELTA", "dataPoints": [{
               "timeUnixNano": "1767225600000000000", "count": "6", "sum": 1.25, "min": 0.01, "max": 0.9,
               "bucketCounts": ["1", 2, "3"], "explicitBounds": [0.1, 0.5],
               "exemplars": [{"time_unix_nano": "1767225599500000000", "as_double": 0.9,
                 "trace_id": "0af7651916cd43dd8448eb211c80319c", "span_id": "B7AD6B7169203331"}]}]}},
            {"name": "size",
             "exponentialHistogram": {"aggregationTemporality": 1, "dataPoints": [{
               "timeUnixNano": "1767225600000000000", "count": 5, "sum": 40, "scale": -2, "zeroCount": "1",
               "zeroThreshold": 1e-9,
               "positive": {"offset": -1, "bucketCounts": [1, "2"]},
               "negative": {"offset": 3, "bucketCounts": ["1"]},
               "flags": 1}]}},
            {"name": "gc.pause",
             "summary": {"dataPoints": [{
               "timeUnixNano": "1767225600000000000", "count": "3", "sum": 0.6,
               "quantileValues": [{"quantile": 0, "value": 0.1}, {"quantile": 0.5, "value": 0.2},
                                  {"quantile": 1.0, "value": 0.3}]}]}}
          ]}]}]}
      """;

  @Test
  void decodesAllFiveMetricTypesWithExemplarIds() {
    long t = 1767225600000000000L;
    ExportMetricsServiceRequest expected = ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder()
            .setResource(Resource.newBuilder().addAttributes(kv("service.name", "shop")))
            .addScopeMetrics(ScopeMetrics.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("meter"))
                .addMetrics(Metric.newBuilder().setName("temperature").setUnit("Cel").setDescription("room °C")
                    .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder()
                        .setTimeUnixNano(t).setAsDouble(21.5).addAttributes(kv("room", "küche")))))
                .addMetrics(Metric.newBuilder().setName("requests").setUnit("1")
                    .setSum(Sum.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                        .setIsMonotonic(true)
                        .addDataPoints(NumberDataPoint.newBuilder()
                            .setStartTimeUnixNano(1767225500000000000L).setTimeUnixNano(t)
                            .setAsInt(9007199254740993L)
                            .addExemplars(Exemplar.newBuilder().setTimeUnixNano(1767225599000000000L).setAsInt(3)
                                .setTraceId(bytes(0x5b, 0x8e, 0xff, 0xf7, 0x98, 0x03, 0x81, 0x03,
                                    0xd2, 0x69, 0xb6, 0x33, 0x81, 0x3f, 0xc6, 0x0c))
                                .setSpanId(bytes(0xee, 0xe1, 0x9b, 0x7e, 0xc3, 0xc1, 0xb1, 0x74))
                                .addFilteredAttributes(kv("user", "u1"))))))
                .addMetrics(Metric.newBuilder().setName("latency").setUnit("s")
                    .setHistogram(Histogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(t).setCount(6)
                            .setSum(1.25).setMin(0.01).setMax(0.9)
                            .addAllBucketCounts(List.of(1L, 2L, 3L)).addAllExplicitBounds(List.of(0.1, 0.5))
                            .addExemplars(Exemplar.newBuilder().setTimeUnixNano(1767225599500000000L)
                                .setAsDouble(0.9)
                                .setTraceId(bytes(0x0a, 0xf7, 0x65, 0x19, 0x16, 0xcd, 0x43, 0xdd,
                                    0x84, 0x48, 0xeb, 0x21, 0x1c, 0x80, 0x31, 0x9c))
                                .setSpanId(bytes(0xb7, 0xad, 0x6b, 0x71, 0x69, 0x20, 0x33, 0x31))))))
                .addMetrics(Metric.newBuilder().setName("size")
                    .setExponentialHistogram(ExponentialHistogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                        .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(t)
                            .setCount(5).setSum(40).setScale(-2).setZeroCount(1).setZeroThreshold(1e-9)
                            .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-1)
                                .addAllBucketCounts(List.of(1L, 2L)))
                            .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(3)
                                .addBucketCounts(1L))
                            .setFlags(1))))
                .addMetrics(Metric.newBuilder().setName("gc.pause")
                    .setSummary(Summary.newBuilder().addDataPoints(SummaryDataPoint.newBuilder()
                        .setTimeUnixNano(t).setCount(3).setSum(0.6)
                        .addQuantileValues(quantile(0, 0.1))
                        .addQuantileValues(quantile(0.5, 0.2))
                        .addQuantileValues(quantile(1, 0.3)))))))
        .build();

    ExportMetricsServiceRequest decoded = OtlpJson.metrics(utf8(METRICS));

    assertThat(decoded).isEqualTo(expected);
    assertThat(OtlpJson.metrics(utf8(OtlpJson.print(decoded)))).isEqualTo(expected);
  }

  private static SummaryDataPoint.ValueAtQuantile quantile(double q, double value) {
    return SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(q).setValue(value).build();
  }
}
