package dev.sightline.pipeline.processor;

import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RED metrics from every span it sees (type {@code spanmetrics}); put it before any sampler so that
 * rates, errors and durations count all traffic. Per batch it writes delta points of
 * {@code traces.span.metrics.calls} (a monotonic sum) and {@code traces.span.metrics.duration}
 * (a histogram in milliseconds) per service, span name, span kind and status code, as the
 * OpenTelemetry Collector's span metrics connector names them. A replay after a crash recomputes
 * the same deltas for the batches it stores again, so counts stay exact.
 *
 * <pre>
 * spanmetrics:
 *   buckets: [5ms, 10ms, 25ms, 50ms, 100ms, 250ms, 500ms, 1s, 2.5s, 5s, 10s]
 * </pre>
 */
final class SpanMetricsProcessor extends TraceProcessor {
  static final String CALLS = "traces.span.metrics.calls";
  static final String DURATION = "traces.span.metrics.duration";
  private static final List<Double> DEFAULT_BOUNDS_MS = List.of(2d, 4d, 6d, 8d, 10d, 50d, 100d, 200d, 400d,
      800d, 1000d, 1400d, 2000d, 5000d, 10_000d, 15_000d);
  private final List<Double> boundsMs;
  /** Per tenant: the aggregates of this batch and the last sequence of the tenant's spans. */
  private final Map<String, TenantBatch> pending = new LinkedHashMap<>();

  private record Key(String service, String name, Span.SpanKind kind, Status.StatusCode status) {}

  private static final class Aggregate {
    long calls;
    double sumMs;
    long[] buckets;
    long firstEnd = Long.MAX_VALUE;
    long lastEnd;
    double minMs = Double.MAX_VALUE;
    double maxMs;
  }

  private static final class TenantBatch {
    long sequence;
    final Map<Key, Aggregate> aggregates = new LinkedHashMap<>();
  }

  SpanMetricsProcessor(String id, List<Double> boundsMs) {
    super(id);
    this.boundsMs = List.copyOf(boundsMs);
  }

  static SpanMetricsProcessor create(String id, Settings s) {
    s.allowOnly("buckets");
    if (!s.has("buckets")) {
      return new SpanMetricsProcessor(id, DEFAULT_BOUNDS_MS);
    }
    List<Double> bounds = new ArrayList<>();
    for (String b : s.strings("buckets")) {
      Duration d = Settings.duration(s.path("buckets"), b);
      double ms = d.toNanos() / 1e6;
      if (!bounds.isEmpty() && ms <= bounds.get(bounds.size() - 1)) {
        throw s.fail("buckets", "bucket bounds must increase; " + b + " does not");
      }
      bounds.add(ms);
    }
    return new SpanMetricsProcessor(id, bounds);
  }

  @Override
  public Optional<WriteBatch.SignalData> process(WriteBatch.Entry entry, boolean stored) {
    if (!stored && entry.data() instanceof WriteBatch.Traces traces) {
      TenantBatch batch = pending.computeIfAbsent(entry.tenant(), t -> new TenantBatch());
      batch.sequence = entry.sequence();
      for (ResourceSpans rs : traces.resourceSpans()) {
        String service = OtlpEditor.serviceName(rs.getResource().getAttributesList());
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span span : ss.getSpansList()) {
            count(batch, service, span);
          }
        }
      }
    }
    return Optional.of(entry.data());
  }

  private void count(TenantBatch batch, String service, Span span) {
    Key key = new Key(service, span.getName(), span.getKind(), span.getStatus().getCode());
    Aggregate a = batch.aggregates.computeIfAbsent(key, k -> {
      Aggregate n = new Aggregate();
      n.buckets = new long[boundsMs.size() + 1];
      return n;
    });
    double ms = (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6;
    int bucket = 0;
    while (bucket < boundsMs.size() && ms > boundsMs.get(bucket)) {
      bucket++;
    }
    a.calls++;
    a.sumMs += ms;
    a.buckets[bucket]++;
    a.minMs = Math.min(a.minMs, ms);
    a.maxMs = Math.max(a.maxMs, ms);
    a.firstEnd = Math.min(a.firstEnd, span.getEndTimeUnixNano());
    a.lastEnd = Math.max(a.lastEnd, span.getEndTimeUnixNano());
  }

  @Override
  public List<WriteBatch.Entry> endOfBatch(long position) {
    List<WriteBatch.Entry> out = new ArrayList<>();
    pending.forEach((tenant, batch) -> out.add(new WriteBatch.Entry(batch.sequence, tenant,
        new WriteBatch.Metrics(metrics(batch)))));
    pending.clear();
    return out;
  }

  private List<ResourceMetrics> metrics(TenantBatch batch) {
    Map<String, ScopeMetrics.Builder> byService = new LinkedHashMap<>();
    batch.aggregates.forEach((key, a) -> {
      ScopeMetrics.Builder scope = byService.computeIfAbsent(key.service(), s -> ScopeMetrics.newBuilder()
          .setScope(InstrumentationScope.newBuilder().setName("sightline.spanmetrics")));
      List<KeyValue> attributes = List.of(attr("span.name", key.name()), attr("span.kind", key.kind().name()),
          attr("status.code", key.status().name()));
      scope.addMetrics(Metric.newBuilder().setName(CALLS).setUnit("{call}")
          .setDescription("Spans seen, before sampling.")
          .setSum(Sum.newBuilder().setIsMonotonic(true)
              .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
              .addDataPoints(NumberDataPoint.newBuilder().addAllAttributes(attributes)
                  .setStartTimeUnixNano(a.firstEnd).setTimeUnixNano(a.lastEnd).setAsInt(a.calls))));
      HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().addAllAttributes(attributes)
          .setStartTimeUnixNano(a.firstEnd).setTimeUnixNano(a.lastEnd).setCount(a.calls).setSum(a.sumMs)
          .setMin(a.minMs).setMax(a.maxMs).addAllExplicitBounds(boundsMs);
      for (long c : a.buckets) {
        point.addBucketCounts(c);
      }
      scope.addMetrics(Metric.newBuilder().setName(DURATION).setUnit("ms")
          .setDescription("Span durations, before sampling.")
          .setHistogram(Histogram.newBuilder()
              .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
              .addDataPoints(point)));
    });
    List<ResourceMetrics> out = new ArrayList<>();
    byService.forEach((service, scope) -> out.add(ResourceMetrics.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", service)))
        .addScopeMetrics(scope).build()));
    return out;
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
