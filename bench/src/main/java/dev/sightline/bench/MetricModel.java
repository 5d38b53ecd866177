package dev.sightline.bench;

import static dev.sightline.bench.TrafficModel.attr;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
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
import java.util.Random;

/**
 * One collection of a service's metrics: a gauge, a monotonic cumulative sum, an explicit-bucket
 * histogram, an exponential histogram and a summary, each with one point per route (10 points per
 * service and collection).
 */
final class MetricModel {
  private static final String[] ROUTES = {"/", "/cart"};
  private static final List<Double> BOUNDS = List.of(5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0);
  private final Random random;

  MetricModel(Random random) {
    this.random = random;
  }

  static final int POINTS_PER_SERVICE = 10;

  ResourceMetrics collect(String service, long startNanos, long nowNanos) {
    Gauge.Builder gauge = Gauge.newBuilder();
    Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true)
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    Histogram.Builder histogram = Histogram.newBuilder()
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    ExponentialHistogram.Builder exponential = ExponentialHistogram.newBuilder()
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
    Summary.Builder summary = Summary.newBuilder();
    for (String route : ROUTES) {
      gauge.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(nowNanos).setAsInt(100_000_000L + random.nextInt(50_000_000))
          .addAttributes(attr("jvm.memory.pool.name", route.equals("/") ? "G1 Eden Space" : "G1 Old Gen")));
      sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(startNanos).setTimeUnixNano(nowNanos)
          .setAsInt((nowNanos - startNanos) / 10_000_000).addAttributes(attr("http.route", route)));
      long total = 0;
      HistogramDataPoint.Builder h = HistogramDataPoint.newBuilder().setStartTimeUnixNano(startNanos).setTimeUnixNano(nowNanos)
          .addAllExplicitBounds(BOUNDS).addAttributes(attr("http.route", route));
      for (int i = 0; i <= BOUNDS.size(); i++) {
        long c = random.nextInt(1000);
        total += c;
        h.addBucketCounts(c);
      }
      histogram.addDataPoints(h.setCount(total).setSum(total * 42.5).setMin(0.8).setMax(1900));
      exponential.addDataPoints(ExponentialHistogramDataPoint.newBuilder().setStartTimeUnixNano(nowNanos - 10_000_000_000L)
          .setTimeUnixNano(nowNanos).setScale(3).setCount(60).setSum(1234.5).setZeroCount(2)
          .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(10 + random.nextInt(4))
              .addAllBucketCounts(List.of(3L, 8L, 20L, 15L, 9L, 3L)))
          .addAttributes(attr("rpc.method", route.equals("/") ? "GetCart" : "AddItem")));
      summary.addDataPoints(SummaryDataPoint.newBuilder().setStartTimeUnixNano(startNanos).setTimeUnixNano(nowNanos)
          .setCount(500).setSum(2100.0).addAttributes(attr("gc", route.equals("/") ? "G1 Young" : "G1 Old"))
          .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(3.2))
          .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(18.0 + random.nextInt(10))));
    }
    ScopeMetrics scope = ScopeMetrics.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.runtime-telemetry").setVersion("2.10.0"))
        .addMetrics(Metric.newBuilder().setName("jvm.memory.used").setUnit("By").setGauge(gauge))
        .addMetrics(Metric.newBuilder().setName("http.server.request.count").setUnit("{request}").setSum(sum))
        .addMetrics(Metric.newBuilder().setName("http.server.request.duration").setUnit("ms").setHistogram(histogram))
        .addMetrics(Metric.newBuilder().setName("rpc.server.duration").setUnit("ms").setExponentialHistogram(exponential))
        .addMetrics(Metric.newBuilder().setName("jvm.gc.pause").setUnit("ms").setSummary(summary))
        .build();
    return ResourceMetrics.newBuilder().setResource(TrafficModel.resource(service)).addScopeMetrics(scope).build();
  }
}
