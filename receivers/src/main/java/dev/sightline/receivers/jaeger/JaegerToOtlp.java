package dev.sightline.receivers.jaeger;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Jaeger spans to OTLP as the OpenTelemetry Jaeger translation does it: one resource per process
 * (service name and process tags), one scope per {@code otel.scope.*}/{@code otel.library.*} tag,
 * {@code span.kind} as the kind, {@code otel.status_code}/{@code otel.status_description} or else
 * {@code error=true} as the status, {@code w3c.tracestate} as the trace state, logs as events named
 * by their {@code event} field, Thrift's parent or else the first reference in the same trace
 * (CHILD_OF before FOLLOWS_FROM) as the parent, and the references other than the CHILD_OF one to
 * the parent as links with {@code opentracing.ref_type}.
 */
final class JaegerToOtlp {
  static final String UNKNOWN_SERVICE = "unknown_service";
  private static final String KIND = "span.kind";
  private static final String STATUS_CODE = "otel.status_code";
  private static final String STATUS_DESCRIPTION = "otel.status_description";
  private static final String TRACE_STATE = "w3c.tracestate";
  private static final Set<String> SCOPE_TAGS = Set.of("otel.scope.name", "otel.scope.version",
      "otel.library.name", "otel.library.version");
  /** Tags the translation consumes or that only describe the client's own encoding. */
  private static final Set<String> CONSUMED = Set.of(KIND, STATUS_CODE, STATUS_DESCRIPTION, TRACE_STATE, "error",
      "internal.span.format");

  private JaegerToOtlp() {}

  private record ScopeKey(String name, String version) {}

  static ExportTraceServiceRequest convert(List<JaegerSpan> spans) {
    Map<JaegerSpan.Process, Map<ScopeKey, ScopeSpans.Builder>> byProcess = new LinkedHashMap<>();
    for (JaegerSpan s : spans) {
      Map<String, AnyValue> tags = index(s.tags());
      ScopeKey scope = new ScopeKey(text(tags, "otel.scope.name", text(tags, "otel.library.name", "")),
          text(tags, "otel.scope.version", text(tags, "otel.library.version", "")));
      byProcess.computeIfAbsent(s.process(), k -> new LinkedHashMap<>())
          .computeIfAbsent(scope, k -> ScopeSpans.newBuilder().setScope(
              InstrumentationScope.newBuilder().setName(k.name()).setVersion(k.version())))
          .addSpans(span(s, tags));
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    byProcess.forEach((process, scopes) -> {
      ResourceSpans.Builder rs = request.addResourceSpansBuilder().setResource(resource(process));
      scopes.values().forEach(rs::addScopeSpans);
    });
    return request.build();
  }

  private static Resource resource(JaegerSpan.@Nullable Process process) {
    String service = process == null || process.serviceName().isEmpty() ? UNKNOWN_SERVICE : process.serviceName();
    Resource.Builder r = Resource.newBuilder().addAttributes(attribute("service.name", service));
    if (process != null) {
      process.tags().stream().filter(t -> !t.getKey().equals("service.name")).forEach(r::addAttributes);
    }
    return r.build();
  }

  static Span span(JaegerSpan s, Map<String, AnyValue> tags) {
    Span.Builder b = Span.newBuilder()
        .setTraceId(s.traceId())
        .setSpanId(s.spanId())
        .setName(s.operationName())
        .setKind(kind(text(tags, KIND, "")))
        .setStartTimeUnixNano(s.startNanos())
        .setEndTimeUnixNano(s.startNanos() + s.durationNanos())
        .setTraceState(text(tags, TRACE_STATE, ""));
    ByteString parent = s.parentSpanId().isEmpty() ? parent(s) : s.parentSpanId();
    for (JaegerSpan.Reference ref : s.references()) {
      if (!(ref.type() == JaegerSpan.RefType.CHILD_OF && ref.spanId().equals(parent))) {
        b.addLinksBuilder().setTraceId(ref.traceId()).setSpanId(ref.spanId())
            .addAttributes(attribute("opentracing.ref_type", ref.type().name().toLowerCase(Locale.ROOT)));
      }
    }
    b.setParentSpanId(parent);
    for (KeyValue t : s.tags()) {
      if (!CONSUMED.contains(t.getKey()) && !SCOPE_TAGS.contains(t.getKey())) {
        b.addAttributes(t);
      }
    }
    for (JaegerSpan.Log log : s.logs()) {
      Span.Event.Builder e = b.addEventsBuilder().setTimeUnixNano(log.timeNanos());
      for (KeyValue f : log.fields()) {
        if (f.getKey().equals("event") && f.getValue().hasStringValue()) {
          e.setName(f.getValue().getStringValue());
        } else {
          e.addAttributes(f);
        }
      }
    }
    Status status = status(tags);
    if (status != null) {
      b.setStatus(status);
    }
    return b.build();
  }

  /** As Jaeger reads it: the first CHILD_OF reference in the span's trace, else the first FOLLOWS_FROM one. */
  private static ByteString parent(JaegerSpan s) {
    ByteString followsFrom = ByteString.EMPTY;
    for (JaegerSpan.Reference ref : s.references()) {
      if (!ref.traceId().equals(s.traceId())) {
        continue;
      }
      if (ref.type() == JaegerSpan.RefType.CHILD_OF) {
        return ref.spanId();
      }
      if (followsFrom.isEmpty()) {
        followsFrom = ref.spanId();
      }
    }
    return followsFrom;
  }

  /** {@code otel.status_code} wins over the OpenTracing {@code error} tag. */
  private static @Nullable Status status(Map<String, AnyValue> tags) {
    String code = text(tags, STATUS_CODE, "");
    if (!code.isEmpty()) {
      Status.StatusCode c = switch (code.toUpperCase(Locale.ROOT)) {
        case "OK" -> Status.StatusCode.STATUS_CODE_OK;
        case "ERROR" -> Status.StatusCode.STATUS_CODE_ERROR;
        default -> Status.StatusCode.STATUS_CODE_UNSET;
      };
      String message = c == Status.StatusCode.STATUS_CODE_ERROR ? text(tags, STATUS_DESCRIPTION, "") : "";
      return Status.newBuilder().setCode(c).setMessage(message).build();
    }
    AnyValue error = tags.get("error");
    boolean failed = error != null && (error.getBoolValue() || error.getStringValue().equalsIgnoreCase("true"));
    return failed ? Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).build() : null;
  }

  private static Span.SpanKind kind(String kind) {
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "client" -> Span.SpanKind.SPAN_KIND_CLIENT;
      case "server" -> Span.SpanKind.SPAN_KIND_SERVER;
      case "producer" -> Span.SpanKind.SPAN_KIND_PRODUCER;
      case "consumer" -> Span.SpanKind.SPAN_KIND_CONSUMER;
      case "internal" -> Span.SpanKind.SPAN_KIND_INTERNAL;
      default -> Span.SpanKind.SPAN_KIND_UNSPECIFIED;
    };
  }

  private static Map<String, AnyValue> index(List<KeyValue> tags) {
    Map<String, AnyValue> byKey = new HashMap<>();
    for (KeyValue t : tags) {
      byKey.put(t.getKey(), t.getValue());
    }
    return byKey;
  }

  private static String text(Map<String, AnyValue> tags, String key, String otherwise) {
    AnyValue v = tags.get(key);
    return v != null && v.hasStringValue() ? v.getStringValue() : otherwise;
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
