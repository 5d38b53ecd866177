package dev.sightline.otlp.prometheus;

import dev.sightline.otlp.AnyValueJson;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Maps OTLP metrics to Prometheus samples as the OpenTelemetry-to-Prometheus compatibility
 * specification says. Names follow {@link PrometheusNames}; monotonic sums become counters,
 * other sums and gauges gauges; histograms become {@code _bucket{le}} (cumulative, with
 * {@code +Inf}), {@code _sum} and {@code _count}; exponential histograms become the same classic
 * buckets ({@link ExponentialBuckets}); summaries {@code {quantile}}, {@code _sum} and
 * {@code _count}. {@code service.namespace/service.name} becomes {@code job},
 * {@code service.instance.id} {@code instance}; other resource attributes go on one
 * {@code target_info} sample (value 1) per resource and timestamp; point attributes become labels
 * (attributes whose names collide after sanitising are joined by {@code ;} in key order). A point
 * flagged {@code NoRecordedValue} becomes a stale marker on each of its series. Scope names are not
 * added as labels, so Prometheus data that arrived as OTLP keeps its exact label sets.
 *
 * <p>Delta sums and histograms are accumulated into cumulative values per series in memory
 * ({@link DeltaAccumulator}): that state restarts from zero after a restart, and a delta point not
 * newer than the last one of its series is dropped (counted by {@link #droppedDeltaSamples()}).
 * Accumulated changes take effect with {@link #commit()} and are undone by {@link #rollback()},
 * so a failed batch can be mapped again. Not thread-safe: one writer uses it.
 */
public final class PrometheusMapping {
  /** Prometheus' stale marker, a NaN with a payload no arithmetic produces. */
  public static final double STALE_MARKER = Double.longBitsToDouble(0x7ff0000000000002L);

  private static final long NS_PER_MS = 1_000_000L;
  private final DeltaAccumulator deltas;

  public PrometheusMapping() {
    this(100_000);
  }

  /** @param maxDeltaSeries how many delta series keep running totals before the oldest is forgotten */
  public PrometheusMapping(int maxDeltaSeries) {
    this.deltas = new DeltaAccumulator(maxDeltaSeries);
  }

  /** Maps every metric of one resource, passing each sample to {@code sink}. */
  public void map(ResourceMetrics resourceMetrics, SampleSink sink) {
    List<KeyValue> resource = resourceMetrics.getResource().getAttributesList();
    Map<String, String> target = targetLabels(resource);
    TreeMap<String, String> info = new TreeMap<>();
    for (KeyValue kv : byKey(resource)) {
      String key = kv.getKey();
      if (!key.equals("service.name") && !key.equals("service.namespace") && !key.equals("service.instance.id")) {
        putJoined(info, PrometheusNames.labelName(key), labelValue(kv.getValue()));
      }
    }
    // The points' times are only needed for target_info; most resources have none to send.
    TreeSet<Long> timestamps = info.isEmpty() ? null : new TreeSet<>();
    for (ScopeMetrics scope : resourceMetrics.getScopeMetricsList()) {
      for (Metric metric : scope.getMetricsList()) {
        new Points(sink, target, timestamps).metric(metric);
      }
    }
    if (timestamps != null) {
      info.putAll(target);
      info.put("__name__", "target_info");
      for (long ms : timestamps) {
        sink.sample(new TreeMap<>(info), ms, 1);
      }
    }
  }

  /** Keeps the running totals of delta series changed since the last commit or rollback. */
  public void commit() {
    deltas.commit();
  }

  /** Forgets the running totals changed since the last commit, as if those batches never came. */
  public void rollback() {
    deltas.rollback();
  }

  public long droppedDeltaSamples() {
    return deltas.dropped();
  }

  /** The samples of one metric's points. */
  private final class Points {
    private final SampleSink sink;
    private final Map<String, String> target;
    private final @Nullable TreeSet<Long> timestamps;
    private long ms;
    private boolean stale;
    private boolean delta;

    /*
     * The labels of the last number point, reused while the next points carry equal attributes:
     * a Prometheus series arrives as a run of points with the same attributes, and building its
     * label map once per run rather than once per sample is most of the mapping's cost.
     */
    private @Nullable List<KeyValue> runAttributes;
    private @Nullable String runName;
    private @Nullable TreeMap<String, String> runLabels;

    Points(SampleSink sink, Map<String, String> target, @Nullable TreeSet<Long> timestamps) {
      this.sink = sink;
      this.target = target;
      this.timestamps = timestamps;
    }

    void metric(Metric m) {
      String unit = m.getUnit();
      switch (m.getDataCase()) {
        case GAUGE -> {
          String name = PrometheusNames.metricName(m.getName(), unit, PrometheusNames.Kind.GAUGE);
          String type = declaredType(m, "gauge");
          boolean part = (type.equals("histogram") || type.equals("summary")) && name.matches(".*_(bucket|sum|count)$");
          sink.metadata(part ? name.substring(0, name.lastIndexOf('_')) : name, type, m.getDescription(), unit);
          m.getGauge().getDataPointsList().forEach(p -> number(name, p));
        }
        case SUM -> {
          PrometheusNames.Kind kind = m.getSum().getIsMonotonic() ? PrometheusNames.Kind.COUNTER : PrometheusNames.Kind.GAUGE;
          String name = PrometheusNames.metricName(m.getName(), unit, kind);
          sink.metadata(name, kind == PrometheusNames.Kind.COUNTER ? "counter" : "gauge", m.getDescription(), unit);
          delta = m.getSum().getAggregationTemporality() == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
          m.getSum().getDataPointsList().forEach(p -> number(name, p));
        }
        case HISTOGRAM -> {
          String name = PrometheusNames.metricName(m.getName(), unit, PrometheusNames.Kind.HISTOGRAM);
          sink.metadata(name, "histogram", m.getDescription(), unit);
          delta = m.getHistogram().getAggregationTemporality() == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
          m.getHistogram().getDataPointsList().forEach(p -> histogram(name, p));
        }
        case EXPONENTIAL_HISTOGRAM -> {
          String name = PrometheusNames.metricName(m.getName(), unit, PrometheusNames.Kind.HISTOGRAM);
          sink.metadata(name, "histogram", m.getDescription(), unit);
          delta = m.getExponentialHistogram().getAggregationTemporality() == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
          m.getExponentialHistogram().getDataPointsList().forEach(p -> exponential(name, p));
        }
        case SUMMARY -> {
          String name = PrometheusNames.metricName(m.getName(), unit, PrometheusNames.Kind.SUMMARY);
          sink.metadata(name, "summary", m.getDescription(), unit);
          m.getSummary().getDataPointsList().forEach(p -> summary(name, p));
        }
        default -> { }
      }
    }

    private void number(String name, NumberDataPoint p) {
      at(p.getTimeUnixNano(), p.getFlags());
      List<KeyValue> attributes = p.getAttributesList();
      TreeMap<String, String> labels = runLabels;
      if (labels == null || !name.equals(runName) || !(attributes == runAttributes || attributes.equals(runAttributes))) {
        labels = labels(attributes);
        labels.put("__name__", name);
        runAttributes = attributes;
        runName = name;
        runLabels = labels;
      }
      boolean sent = true;
      switch (p.getValueCase()) {
        case AS_DOUBLE -> send(labels, p.getAsDouble());
        case AS_INT -> send(labels, p.getAsInt());
        case VALUE_NOT_SET -> {
          sent = stale;
          if (stale) {
            send(labels, 0);
          }
        }
      }
      if (p.getExemplarsCount() > 0 && sent) {
        Exemplars.send(sink, labels, p.getExemplarsList());
      }
    }

    private void histogram(String name, HistogramDataPoint p) {
      TreeMap<String, String> labels = begin(p.getAttributesList(), p.getTimeUnixNano(), p.getFlags());
      long cumulative = 0;
      int buckets = Math.min(p.getExplicitBoundsCount(), p.getBucketCountsCount());
      for (int i = 0; i < buckets; i++) {
        cumulative += p.getBucketCounts(i);
        bucket(labels, name, p.getExplicitBounds(i), cumulative);
      }
      for (io.opentelemetry.proto.metrics.v1.Exemplar e : p.getExemplarsList()) {
        TreeMap<String, String> bucket = new TreeMap<>(labels);
        bucket.put("le", PrometheusFloats.format(Exemplars.bucketOf(
            e.getValueCase() == io.opentelemetry.proto.metrics.v1.Exemplar.ValueCase.AS_INT ? e.getAsInt() : e.getAsDouble(),
            p.getExplicitBoundsList())));
        bucket.put("__name__", name + "_bucket");
        Exemplars.send(sink, bucket, List.of(e));
      }
      totals(labels, name, p.getCount(), p.hasSum(), p.getSum());
    }

    private void exponential(String name, ExponentialHistogramDataPoint p) {
      TreeMap<String, String> labels = begin(p.getAttributesList(), p.getTimeUnixNano(), p.getFlags());
      ExponentialBuckets.forEach(p, (bound, cumulative) -> bucket(labels, name, bound, cumulative));
      totals(labels, name, p.getCount(), p.hasSum(), p.getSum());
    }

    private void summary(String name, SummaryDataPoint p) {
      TreeMap<String, String> labels = begin(p.getAttributesList(), p.getTimeUnixNano(), p.getFlags());
      delta = false;
      for (SummaryDataPoint.ValueAtQuantile q : p.getQuantileValuesList()) {
        TreeMap<String, String> withQuantile = new TreeMap<>(labels);
        withQuantile.put("quantile", PrometheusFloats.format(q.getQuantile()));
        emit(withQuantile, name, q.getValue());
      }
      emit(new TreeMap<>(labels), name + "_sum", p.getSum());
      emit(labels, name + "_count", p.getCount());
    }

    private void bucket(TreeMap<String, String> labels, String name, double bound, long cumulative) {
      TreeMap<String, String> withLe = new TreeMap<>(labels);
      withLe.put("le", PrometheusFloats.format(bound));
      emit(withLe, name + "_bucket", cumulative);
    }

    private void totals(TreeMap<String, String> labels, String name, long count, boolean hasSum, double sum) {
      bucket(labels, name, Double.POSITIVE_INFINITY, count);
      if (hasSum) {
        emit(new TreeMap<>(labels), name + "_sum", sum);
      }
      emit(labels, name + "_count", count);
    }

    private TreeMap<String, String> begin(List<KeyValue> attributes, long timeNanos, int flags) {
      at(timeNanos, flags);
      return labels(attributes);
    }

    private void at(long timeNanos, int flags) {
      ms = Math.floorDiv(timeNanos, NS_PER_MS);
      stale = (flags & DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE) != 0;
      if (timestamps != null) {
        timestamps.add(ms);
      }
    }

    /** A new map of the point's labels, without {@code __name__}. */
    private TreeMap<String, String> labels(List<KeyValue> attributes) {
      TreeMap<String, String> labels = new TreeMap<>();
      for (KeyValue kv : byKey(attributes)) {
        String name = PrometheusNames.labelName(kv.getKey());
        if (!name.isEmpty() && !name.equals("__name__")) {
          putJoined(labels, name, labelValue(kv.getValue()));
        }
      }
      labels.putAll(target);
      return labels;
    }

    /** Sends one sample; {@code labels} becomes the sample's and must not be changed after. */
    private void emit(TreeMap<String, String> labels, String name, double value) {
      labels.put("__name__", name);
      send(labels, value);
    }

    /** Sends one sample of {@code labels}, which already hold the name and are not changed after. */
    private void send(TreeMap<String, String> labels, double value) {
      if (stale) {
        sink.sample(labels, ms, STALE_MARKER);
        return;
      }
      double out = value;
      if (delta) {
        OptionalDouble total = deltas.add(labels, ms, value);
        if (total.isEmpty()) {
          return;
        }
        out = total.getAsDouble();
      }
      sink.sample(labels, ms, out);
    }
  }

  private static Map<String, String> targetLabels(List<KeyValue> resource) {
    String name = "";
    String namespace = "";
    String instance = "";
    for (KeyValue kv : resource) {
      switch (kv.getKey()) {
        case "service.name" -> name = labelValue(kv.getValue());
        case "service.namespace" -> namespace = labelValue(kv.getValue());
        case "service.instance.id" -> instance = labelValue(kv.getValue());
        default -> { }
      }
    }
    TreeMap<String, String> target = new TreeMap<>();
    if (!name.isEmpty()) {
      target.put("job", namespace.isEmpty() ? name : namespace + "/" + name);
    }
    if (!instance.isEmpty()) {
      target.put("instance", instance);
    }
    return target;
  }

  /** Attributes in key order, so that values joined on a name collision come in key order. */
  private static List<KeyValue> byKey(List<KeyValue> attributes) {
    return attributes.size() < 2 ? attributes
        : attributes.stream().sorted(java.util.Comparator.comparing(KeyValue::getKey)).toList();
  }

  /** Adds a label; a second attribute sanitised to the same name is joined with {@code ;}. */
  private static void putJoined(TreeMap<String, String> labels, String name, String value) {
    if (value.isEmpty()) {
      return;
    }
    labels.merge(name, value, (a, b) -> a + ";" + b);
  }

  /**
   * The Prometheus type a receiver recorded in the metric's metadata ({@code prometheus.type}, set
   * for remote-write and scraped series, which arrive as gauges), else {@code fallback}.
   */
  static String declaredType(Metric m, String fallback) {
    for (KeyValue kv : m.getMetadataList()) {
      if (kv.getKey().equals("prometheus.type") && !kv.getValue().getStringValue().isEmpty()) {
        return kv.getValue().getStringValue();
      }
    }
    return fallback;
  }

  /** An attribute value as label text: strings as they are, scalars as text, the rest as JSON. */
  static String labelValue(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> Double.isFinite(v.getDoubleValue())
          ? new BigDecimal(Double.toString(v.getDoubleValue())).stripTrailingZeros().toPlainString()
          : PrometheusFloats.format(v.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
      case ARRAY_VALUE, KVLIST_VALUE -> AnyValueJson.value(v);
      case VALUE_NOT_SET -> "";
      default -> "";
    };
  }
}
