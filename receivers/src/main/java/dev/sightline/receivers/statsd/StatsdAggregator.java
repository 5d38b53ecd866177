package dev.sightline.receivers.statsd;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregates StatsD lines over one flush interval, as StatsD servers do: counters summed (scaled by
 * their sample rate), gauges to their last value (and {@code +n}/{@code -n} applied to the value
 * kept from earlier intervals), timers and histograms into a histogram, sets into their number of
 * distinct members. A flush turns the interval into OTLP metrics: delta sums and histograms,
 * gauges. The tag {@code service} becomes the resource's {@code service.name}.
 */
final class StatsdAggregator {
  static final List<Double> BOUNDS = List.of(1d, 2d, 5d, 10d, 25d, 50d, 100d, 250d, 500d, 1000d, 2500d, 5000d, 10_000d);
  private final String defaultService;
  private final int maxSeries;
  private final Map<Key, Object> current = new LinkedHashMap<>();
  /** Gauge values carried across intervals, for {@code +n}/{@code -n}. */
  private final Map<Key, Double> gauges = new HashMap<>();
  private long intervalStartNanos;

  private record Key(String name, StatsdLine.Type type, Map<String, String> tags) {}

  private static final class Counter {
    double sum;
  }

  private static final class Distribution {
    double count;
    double sum;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    final double[] buckets = new double[BOUNDS.size() + 1];
  }

  StatsdAggregator(String defaultService, int maxSeries, long nowNanos) {
    this.defaultService = defaultService;
    this.maxSeries = maxSeries;
    this.intervalStartNanos = nowNanos;
  }

  /** Adds a line; false when the interval already has {@code maxSeries} series and this is a new one. */
  synchronized boolean add(StatsdLine line) {
    Key key = new Key(line.name(), line.type(), line.tags());
    if (!current.containsKey(key) && current.size() >= maxSeries) {
      return false;
    }
    switch (line.type()) {
      case COUNTER -> ((Counter) current.computeIfAbsent(key, k -> new Counter())).sum += line.value() / line.sampleRate();
      case GAUGE -> {
        double value = line.delta() ? gauges.getOrDefault(key, 0d) + line.value() : line.value();
        if (!gauges.containsKey(key) && gauges.size() >= maxSeries) {
          return false;
        }
        gauges.put(key, value);
        current.put(key, value);
      }
      case TIMER, HISTOGRAM -> {
        Distribution d = (Distribution) current.computeIfAbsent(key, k -> new Distribution());
        double weight = 1 / line.sampleRate();
        int b = 0;
        while (b < BOUNDS.size() && line.value() > BOUNDS.get(b)) {
          b++;
        }
        d.buckets[b] += weight;
        d.count += weight;
        d.sum += line.value() * weight;
        d.min = Math.min(d.min, line.value());
        d.max = Math.max(d.max, line.value());
      }
      case SET -> {
        @SuppressWarnings("unchecked")
        Set<String> members = (Set<String>) current.computeIfAbsent(key, k -> new HashSet<String>());
        members.add(line.setMember());
      }
    }
    return true;
  }

  /** The interval's metrics, empty when nothing arrived; starts the next interval. */
  synchronized ExportMetricsServiceRequest flush(long nowNanos) {
    Map<String, ScopeMetrics.Builder> byService = new LinkedHashMap<>();
    current.forEach((key, state) -> {
      String service = key.tags().getOrDefault("service", defaultService);
      ScopeMetrics.Builder scope = byService.computeIfAbsent(service, s -> ScopeMetrics.newBuilder()
          .setScope(InstrumentationScope.newBuilder().setName("sightline.statsd")));
      scope.addMetrics(metric(key, state, nowNanos));
    });
    current.clear();
    intervalStartNanos = nowNanos;
    ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
    byService.forEach((service, scope) -> request.addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", service))).addScopeMetrics(scope)));
    return request.build();
  }

  private Metric metric(Key key, Object state, long nowNanos) {
    List<KeyValue> attributes = key.tags().entrySet().stream().filter(e -> !e.getKey().equals("service"))
        .map(e -> attr(e.getKey(), e.getValue())).toList();
    Metric.Builder m = Metric.newBuilder().setName(key.name());
    return switch (key.type()) {
      case COUNTER -> {
        double sum = ((Counter) state).sum;
        yield m.setSum(Sum.newBuilder().setIsMonotonic(sum >= 0)
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
            .addDataPoints(NumberDataPoint.newBuilder().addAllAttributes(attributes)
                .setStartTimeUnixNano(intervalStartNanos).setTimeUnixNano(nowNanos).setAsDouble(sum))).build();
      }
      case GAUGE -> m.setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder()
          .addAllAttributes(attributes).setTimeUnixNano(nowNanos).setAsDouble((Double) state))).build();
      case SET -> m.setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder()
          .addAllAttributes(attributes).setTimeUnixNano(nowNanos).setAsInt(((Set<?>) state).size()))).build();
      case TIMER, HISTOGRAM -> {
        Distribution d = (Distribution) state;
        HistogramDataPoint.Builder p = HistogramDataPoint.newBuilder().addAllAttributes(attributes)
            .setStartTimeUnixNano(intervalStartNanos).setTimeUnixNano(nowNanos)
            .setSum(d.sum).setMin(d.min).setMax(d.max).addAllExplicitBounds(BOUNDS);
        long count = 0;
        for (double c : d.buckets) {
          p.addBucketCounts(Math.round(c)); // sample rates make weights fractional; the count is the buckets' sum
          count += Math.round(c);
        }
        p.setCount(count);
        if (key.type() == StatsdLine.Type.TIMER) {
          m.setUnit("ms");
        }
        yield m.setHistogram(Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA).addDataPoints(p)).build();
      }
    };
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
