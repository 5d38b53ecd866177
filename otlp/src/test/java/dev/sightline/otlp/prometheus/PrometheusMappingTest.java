package dev.sightline.otlp.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrometheusMappingTest {
  private static final long T = 1_767_225_600_000L; // ms
  private final PrometheusMapping mapping = new PrometheusMapping();

  static KeyValue attr(String k, String v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
  }

  static Resource resource(KeyValue... attributes) {
    return Resource.newBuilder().addAllAttributes(List.of(attributes)).build();
  }

  private List<String> map(Resource resource, Metric... metrics) {
    List<String> out = new ArrayList<>();
    mapping.map(ResourceMetrics.newBuilder().setResource(resource)
        .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics))).build(),
        (labels, ms, value) -> out.add(text(labels) + " " + (ms - T) + " "
            + (Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(PrometheusMapping.STALE_MARKER) ? "stale" : PrometheusFloats.format(value))));
    return out;
  }

  private static String text(Map<String, String> labels) {
    assertThat(labels.values()).allMatch(v -> !v.isEmpty());
    return labels.get("__name__") + labels.entrySet().stream().filter(e -> !e.getKey().equals("__name__"))
        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(",", "{", "}"));
  }

  private static NumberDataPoint.Builder point(long ms, double v, KeyValue... attributes) {
    return NumberDataPoint.newBuilder().setTimeUnixNano((T + ms) * 1_000_000L + 999_999).setAsDouble(v)
        .addAllAttributes(List.of(attributes));
  }

  private static Metric sum(String name, String unit, boolean monotonic, AggregationTemporality t, NumberDataPoint.Builder... points) {
    Sum.Builder sum = Sum.newBuilder().setIsMonotonic(monotonic).setAggregationTemporality(t);
    for (NumberDataPoint.Builder p : points) {
      sum.addDataPoints(p);
    }
    return Metric.newBuilder().setName(name).setUnit(unit).setSum(sum).build();
  }

  @Test
  void gaugeWithResourceAndPointAttributes() {
    Metric gauge = Metric.newBuilder().setName("system.memory.utilization").setUnit("1")
        .setGauge(Gauge.newBuilder().addDataPoints(point(0, 0.5, attr("state", "used"), attr("http.method", "GET"), attr("empty", ""))))
        .build();
    List<String> samples = map(resource(attr("service.name", "api"), attr("service.namespace", "shop"),
        attr("service.instance.id", "pod-1"), attr("host.name", "h1")), gauge);
    assertThat(samples).containsExactly(
        "system_memory_utilization_ratio{http_method=\"GET\",instance=\"pod-1\",job=\"shop/api\",state=\"used\"} 0 0.5",
        "target_info{host_name=\"h1\",instance=\"pod-1\",job=\"shop/api\"} 0 1");
  }

  @Test
  void remoteWriteDataRoundTrips() {
    Metric counterAsGauge = Metric.newBuilder().setName("http_requests_total")
        .setGauge(Gauge.newBuilder().addDataPoints(point(0, 7, attr("method", "GET"), attr("le", "0.5")))).build();
    assertThat(map(resource(attr("service.name", "node"), attr("service.instance.id", "host:9100")), counterAsGauge))
        .containsExactly("http_requests_total{instance=\"host:9100\",job=\"node\",le=\"0.5\",method=\"GET\"} 0 7");
  }

  @Test
  void sumsBecomeCountersOrGauges() {
    assertThat(map(resource(), sum("http.requests", "{request}", true, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
        point(0, 3), point(15_000, 5)), sum("queue.size", "", false, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, point(0, 2))))
        .containsExactly("http_requests_total{} 0 3", "http_requests_total{} 15000 5", "queue_size{} 0 2");
  }

  @Test
  void deltaSumsAccumulateUntilRolledBack() {
    Metric first = sum("jobs", "", true, AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, point(0, 3, attr("k", "a")), point(10, 2, attr("k", "a")));
    assertThat(map(resource(), first)).containsExactly("jobs_total{k=\"a\"} 0 3", "jobs_total{k=\"a\"} 10 5");
    mapping.rollback();
    assertThat(map(resource(), first)).containsExactly("jobs_total{k=\"a\"} 0 3", "jobs_total{k=\"a\"} 10 5");
    mapping.commit();
    Metric next = sum("jobs", "", true, AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, point(20, 4, attr("k", "a")), point(5, 100, attr("k", "a")));
    assertThat(map(resource(), next)).containsExactly("jobs_total{k=\"a\"} 20 9");
    assertThat(mapping.droppedDeltaSamples()).isEqualTo(1);
  }

  @Test
  void histogramsBecomeCumulativeBuckets() {
    HistogramDataPoint.Builder p = HistogramDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000L)
        .addAllExplicitBounds(List.of(0.005, 1.0, 1e6)).addAllBucketCounts(List.of(1L, 2L, 3L, 4L)).setCount(10).setSum(12.5);
    Metric h = Metric.newBuilder().setName("rpc.duration").setUnit("s").setHistogram(Histogram.newBuilder()
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE).addDataPoints(p)).build();
    assertThat(map(resource(attr("service.name", "api")), h)).containsExactly(
        "rpc_duration_seconds_bucket{job=\"api\",le=\"0.005\"} 0 1",
        "rpc_duration_seconds_bucket{job=\"api\",le=\"1\"} 0 3",
        "rpc_duration_seconds_bucket{job=\"api\",le=\"1e+06\"} 0 6",
        "rpc_duration_seconds_bucket{job=\"api\",le=\"+Inf\"} 0 10",
        "rpc_duration_seconds_sum{job=\"api\"} 0 12.5",
        "rpc_duration_seconds_count{job=\"api\"} 0 10");
  }

  @Test
  void deltaHistogramsAccumulatePerBucket() {
    Metric.Builder h = Metric.newBuilder().setName("d").setHistogram(Histogram.newBuilder()
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000L).addExplicitBounds(1).addAllBucketCounts(List.of(1L, 1L)).setCount(2))
        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano((T + 1) * 1_000_000L).addExplicitBounds(1).addAllBucketCounts(List.of(2L, 0L)).setCount(2)));
    assertThat(map(resource(), h.build())).containsExactly(
        "d_bucket{le=\"1\"} 0 1", "d_bucket{le=\"+Inf\"} 0 2", "d_count{} 0 2",
        "d_bucket{le=\"1\"} 1 3", "d_bucket{le=\"+Inf\"} 1 4", "d_count{} 1 4");
  }

  @Test
  void exponentialHistogramsBecomeClassicBuckets() {
    ExponentialHistogramDataPoint.Builder p = ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000L)
        .setScale(0).setZeroCount(1).setCount(8).setSum(9)
        .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(0).addAllBucketCounts(List.of(2L, 3L)))
        .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(1).addAllBucketCounts(List.of(2L)));
    Metric m = Metric.newBuilder().setName("latency").setUnit("ms").setExponentialHistogram(ExponentialHistogram.newBuilder()
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE).addDataPoints(p)).build();
    assertThat(map(resource(), m)).containsExactly(
        "latency_milliseconds_bucket{le=\"-2\"} 0 2",
        "latency_milliseconds_bucket{le=\"0\"} 0 3",
        "latency_milliseconds_bucket{le=\"2\"} 0 5",
        "latency_milliseconds_bucket{le=\"4\"} 0 8",
        "latency_milliseconds_bucket{le=\"+Inf\"} 0 8",
        "latency_milliseconds_sum{} 0 9",
        "latency_milliseconds_count{} 0 8");
    assertThat(ExponentialBuckets.power(1, 1)).isEqualTo(Math.sqrt(2));
    assertThat(ExponentialBuckets.power(-1, 3)).isEqualTo(64);
  }

  @Test
  void summaries() {
    Metric s = Metric.newBuilder().setName("gc.pause").setUnit("s").setSummary(Summary.newBuilder().addDataPoints(
        SummaryDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000L).setCount(4).setSum(2)
            .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(0.25))
            .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(1)))).build();
    assertThat(map(resource(), s)).containsExactly(
        "gc_pause_seconds{quantile=\"0.5\"} 0 0.25", "gc_pause_seconds{quantile=\"0.99\"} 0 1",
        "gc_pause_seconds_sum{} 0 2", "gc_pause_seconds_count{} 0 4");
  }

  @Test
  void noRecordedValueBecomesStaleMarkers() {
    int flag = DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE;
    Metric g = Metric.newBuilder().setName("up").setGauge(Gauge.newBuilder()
        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000L).setFlags(flag))).build();
    Metric h = Metric.newBuilder().setName("h").setHistogram(Histogram.newBuilder()
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000L).setFlags(flag))).build();
    assertThat(map(resource(), g, h)).containsExactly("up{} 0 stale",
        "h_bucket{le=\"+Inf\"} 0 stale", "h_count{} 0 stale");
  }

  @Test
  void collidingLabelsAreJoinedInKeyOrderAndDigitsPrefixed() {
    Metric g = Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder()
        .addDataPoints(point(0, 1, attr("a.b", "2"), attr("a_b", "1"), attr("9lives", "x")))).build();
    assertThat(map(resource(), g)).containsExactly("g{a_b=\"2;1\",key_9lives=\"x\"} 0 1");
  }

  @Test
  void integerValuesAndTargetInfoPerTimestamp() {
    Metric g = Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder()
        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000L).setAsInt(42))
        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano((T + 15_000) * 1_000_000L).setAsInt(43))).build();
    KeyValue number = KeyValue.newBuilder().setKey("cores").setValue(AnyValue.newBuilder().setIntValue(8)).build();
    assertThat(map(resource(number), g)).containsExactly("g{} 0 42", "g{} 15000 43",
        "target_info{cores=\"8\"} 0 1", "target_info{cores=\"8\"} 15000 1");
  }
}
