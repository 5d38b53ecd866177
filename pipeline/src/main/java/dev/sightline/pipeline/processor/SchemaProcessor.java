package dev.sightline.pipeline.processor;

import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.pipeline.Signal;
import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks spans and log records against what they should be (type {@code schema}): timestamps in
 * a sane window around now, and per service the attributes' required keys, types and allowed
 * values. On a violation the item is rejected (dropped and counted), the offending attribute is
 * dropped, or the item is tagged with {@code sightline.schema.violations}. The receivers already
 * check ids, required fields and attribute limits before acknowledging.
 *
 * <pre>
 * schema:
 *   timestamps: {max_age: 7d, max_future: 5m, on_violation: reject}
 *   services:
 *     checkout:
 *       on_violation: tag
 *       attributes:
 *         http.route: {required: true, type: string}
 *         deployment.tier: {values: [gold, silver]}
 * </pre>
 */
final class SchemaProcessor implements Processor {
  static final String TAG = "sightline.schema.violations";
  private final String id;
  private final Duration maxAge;
  private final Duration maxFuture;
  private final AttributeSchema.OnViolation onTimestamp;
  private final Map<String, AttributeSchema> services;
  private final Clock clock;
  private final SelfMetrics metrics;

  private SchemaProcessor(String id, Duration maxAge, Duration maxFuture, AttributeSchema.OnViolation onTimestamp,
      Map<String, AttributeSchema> services, ProcessorContext context) {
    this.id = id;
    this.maxAge = maxAge;
    this.maxFuture = maxFuture;
    this.onTimestamp = onTimestamp;
    this.services = Map.copyOf(services);
    this.clock = context.clock();
    this.metrics = context.metrics();
  }

  static SchemaProcessor create(String id, Settings s, ProcessorContext context) {
    s.allowOnly("timestamps", "services");
    Settings t = s.map("timestamps").allowOnly("max_age", "max_future", "on_violation");
    String on = t.string("on_violation", "reject");
    if (!on.equals("reject") && !on.equals("tag")) {
      throw t.fail("on_violation", "'" + on + "' is not reject or tag");
    }
    Map<String, AttributeSchema> services = new LinkedHashMap<>();
    Settings byService = s.map("services");
    for (String service : byService.keys()) {
      services.put(service, AttributeSchema.parse(byService.map(service)));
    }
    return new SchemaProcessor(id, t.duration("max_age", Duration.ofDays(7)), t.duration("max_future", Duration.ofMinutes(5)),
        AttributeSchema.OnViolation.valueOf(on.toUpperCase(Locale.ROOT)), services, context);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean handles(Signal signal) {
    return signal != Signal.METRICS;
  }

  @Override
  public Optional<WriteBatch.SignalData> process(WriteBatch.Entry entry, boolean stored) {
    long now = clock.millis() * 1_000_000L;
    return switch (entry.data()) {
      case WriteBatch.Traces t -> {
        List<ResourceSpans> out = new ArrayList<>();
        for (ResourceSpans rs : t.resourceSpans()) {
          String service = OtlpEditor.serviceName(rs.getResource().getAttributesList());
          ResourceSpans.Builder rb = rs.toBuilder().clearScopeSpans();
          for (ScopeSpans ss : rs.getScopeSpansList()) {
            ScopeSpans.Builder sb = ss.toBuilder().clearSpans();
            for (Span span : ss.getSpansList()) {
              List<KeyValue> attrs = check(service, span.getStartTimeUnixNano(), now, span.getAttributesList(), stored);
              if (attrs != null) {
                sb.addSpans(attrs == span.getAttributesList() ? span : span.toBuilder().clearAttributes().addAllAttributes(attrs).build());
              }
            }
            if (sb.getSpansCount() > 0) {
              rb.addScopeSpans(sb);
            }
          }
          if (rb.getScopeSpansCount() > 0) {
            out.add(rb.build());
          }
        }
        yield out.isEmpty() ? Optional.empty() : Optional.of(new WriteBatch.Traces(out));
      }
      case WriteBatch.Logs l -> {
        List<ResourceLogs> out = new ArrayList<>();
        for (ResourceLogs rl : l.resourceLogs()) {
          String service = OtlpEditor.serviceName(rl.getResource().getAttributesList());
          ResourceLogs.Builder rb = rl.toBuilder().clearScopeLogs();
          for (ScopeLogs sl : rl.getScopeLogsList()) {
            ScopeLogs.Builder sb = sl.toBuilder().clearLogRecords();
            for (LogRecord r : sl.getLogRecordsList()) {
              long time = r.getTimeUnixNano() != 0 ? r.getTimeUnixNano() : r.getObservedTimeUnixNano();
              List<KeyValue> attrs = check(service, time, now, r.getAttributesList(), stored);
              if (attrs != null) {
                sb.addLogRecords(attrs == r.getAttributesList() ? r : r.toBuilder().clearAttributes().addAllAttributes(attrs).build());
              }
            }
            if (sb.getLogRecordsCount() > 0) {
              rb.addScopeLogs(sb);
            }
          }
          if (rb.getScopeLogsCount() > 0) {
            out.add(rb.build());
          }
        }
        yield out.isEmpty() ? Optional.empty() : Optional.of(new WriteBatch.Logs(out));
      }
      case WriteBatch.Metrics m -> Optional.of(m);
    };
  }

  /** The item's attributes after the checks, or null when the item is rejected. */
  private List<KeyValue> check(String service, long timeNanos, long nowNanos, List<KeyValue> attributes, boolean stored) {
    List<AttributeSchema.Violation> tags = new ArrayList<>();
    if (timeNanos < nowNanos - maxAge.toNanos() || timeNanos > nowNanos + maxFuture.toNanos()) {
      AttributeSchema.Violation v = new AttributeSchema.Violation(
          timeNanos > nowNanos ? "timestamp_in_future" : "timestamp_too_old", "time");
      count(service, v.reason(), stored);
      if (onTimestamp == AttributeSchema.OnViolation.REJECT) {
        return null;
      }
      tags.add(v);
    }
    AttributeSchema schema = services.get(service);
    List<KeyValue> out = attributes;
    if (schema != null) {
      List<AttributeSchema.Violation> found = schema.check(attributes);
      for (AttributeSchema.Violation v : found) {
        count(service, v.reason(), stored);
      }
      if (!found.isEmpty()) {
        switch (schema.onViolation()) {
          case REJECT -> {
            return null;
          }
          case DROP_ATTRIBUTE -> {
            List<String> offending = found.stream().filter(v -> !v.reason().equals("missing_required"))
                .map(AttributeSchema.Violation::key).toList();
            out = attributes.stream().filter(kv -> !offending.contains(kv.getKey())).toList();
            found.stream().filter(v -> v.reason().equals("missing_required")).forEach(tags::add);
          }
          case TAG -> tags.addAll(found);
        }
      }
    }
    if (tags.isEmpty()) {
      return out;
    }
    List<KeyValue> tagged = new ArrayList<>(out);
    tagged.add(DeltaMetrics.attr(TAG, tags.stream().map(v -> v.reason() + ":" + v.key()).collect(Collectors.joining(","))));
    return tagged;
  }

  private void count(String service, String reason, boolean stored) {
    if (!stored) {
      metrics.counter("sightline_schema_violations_total", "Items that broke a schema rule, by reason.",
          "processor", id, "service", service, "reason", reason).increment();
    }
  }
}
