package dev.sightline.pipeline.processor;

import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
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


  private static final class TenantBatch {
    long sequence;
    final Map<Key, DeltaMetrics.Distribution> aggregates = new LinkedHashMap<>();
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
    batch.aggregates.computeIfAbsent(key, k -> new DeltaMetrics.Distribution(boundsMs))
        .add((span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6, span.getEndTimeUnixNano());
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
    batch.aggregates.forEach((key, d) -> {
      ScopeMetrics.Builder scope = byService.computeIfAbsent(key.service(), s -> ScopeMetrics.newBuilder()
          .setScope(InstrumentationScope.newBuilder().setName("sightline.spanmetrics")));
      List<KeyValue> attributes = List.of(DeltaMetrics.attr("span.name", key.name()),
          DeltaMetrics.attr("span.kind", key.kind().name()), DeltaMetrics.attr("status.code", key.status().name()));
      scope.addMetrics(DeltaMetrics.counter(CALLS, "{call}", "Spans seen, before sampling.", attributes,
          d.firstNanos, d.lastNanos, d.count));
      scope.addMetrics(DeltaMetrics.histogram(DURATION, "ms", "Span durations, before sampling.", attributes, d));
    });
    List<ResourceMetrics> out = new ArrayList<>();
    byService.forEach((service, scope) -> out.add(ResourceMetrics.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(DeltaMetrics.attr("service.name", service)))
        .addScopeMetrics(scope).build()));
    return out;
  }
}
