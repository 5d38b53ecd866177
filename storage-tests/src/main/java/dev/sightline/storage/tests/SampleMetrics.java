package dev.sightline.storage.tests;

import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.attr;

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

/** One metric of each OTLP type, each a single series with two points and exemplars. */
public final class SampleMetrics {
  private SampleMetrics() {}

  static Exemplar exemplar(double value) {
    return Exemplar.newBuilder().setTimeUnixNano(T0 + 3 * MS).setAsDouble(value)
        .setTraceId(SampleData.traceId(5)).setSpanId(SampleData.spanId(5))
        .addFilteredAttributes(attr("user", "ann")).build();
  }

  public static Metric gauge() {
    return Metric.newBuilder().setName("process.memory.usage").setUnit("By").setDescription("memory")
        .setGauge(Gauge.newBuilder()
            .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsInt(1024)
                .addAttributes(attr("pool", "heap")).addExemplars(exemplar(1024)))
            .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 10 * MS).setAsInt(2048)
                .addAttributes(attr("pool", "heap")).setFlags(1)))
        .build();
  }

  public static Metric sum() {
    return Metric.newBuilder().setName("http.requests").setUnit("{request}")
        .addMetadata(attr("source", "sdk"))
        .setSum(Sum.newBuilder().setIsMonotonic(true)
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(T0 - MS).setTimeUnixNano(T0)
                .setAsDouble(1.5).addAttributes(attr("route", "/a")))
            .addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(T0 - MS).setTimeUnixNano(T0 + 10 * MS)
                .setAsDouble(3.0).addAttributes(attr("route", "/a")).addExemplars(exemplar(1))))
        .build();
  }

  public static Metric histogram() {
    HistogramDataPoint.Builder p = HistogramDataPoint.newBuilder().setStartTimeUnixNano(T0 - MS)
        .setCount(6).setSum(12.5).setMin(0.1).setMax(9).addAllExplicitBounds(List.of(1.0, 5.0))
        .addAllBucketCounts(List.of(1L, 3L, 2L)).addAttributes(attr("route", "/a"));
    return Metric.newBuilder().setName("http.server.duration").setUnit("ms")
        .setHistogram(Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
            .addDataPoints(p.setTimeUnixNano(T0).addExemplars(exemplar(4.2)).build())
            .addDataPoints(p.clearExemplars().clearSum().clearMin().clearMax().setTimeUnixNano(T0 + 10 * MS).build()))
        .build();
  }

  public static Metric exponentialHistogram() {
    ExponentialHistogramDataPoint.Builder p = ExponentialHistogramDataPoint.newBuilder()
        .setStartTimeUnixNano(T0 - MS).setCount(7).setSum(30).setMin(0.5).setMax(12).setScale(3)
        .setZeroCount(1).setZeroThreshold(0.001)
        .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-2).addAllBucketCounts(List.of(1L, 2L, 3L)))
        .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(1).addBucketCounts(0));
    return Metric.newBuilder().setName("rpc.latency").setUnit("s")
        .setExponentialHistogram(ExponentialHistogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(p.setTimeUnixNano(T0).addExemplars(exemplar(2)).build())
            .addDataPoints(p.clearExemplars().setTimeUnixNano(T0 + 10 * MS).build()))
        .build();
  }

  public static Metric summary() {
    SummaryDataPoint.Builder p = SummaryDataPoint.newBuilder().setStartTimeUnixNano(T0 - MS)
        .setCount(10).setSum(55)
        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(5))
        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(9.9));
    return Metric.newBuilder().setName("gc.pause").setUnit("ms")
        .setSummary(Summary.newBuilder()
            .addDataPoints(p.setTimeUnixNano(T0).build())
            .addDataPoints(p.setTimeUnixNano(T0 + 10 * MS).setCount(11).build()))
        .build();
  }

  public static List<Metric> all() {
    return List.of(gauge(), sum(), histogram(), exponentialHistogram(), summary());
  }

  public static ResourceMetrics resourceMetrics(Resource resource, Metric... metrics) {
    return ResourceMetrics.newBuilder().setResource(resource).addScopeMetrics(ScopeMetrics.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName("meter").setVersion("1"))
        .addAllMetrics(List.of(metrics))).build();
  }
}
