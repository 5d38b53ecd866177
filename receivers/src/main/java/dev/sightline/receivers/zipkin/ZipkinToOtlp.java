package dev.sightline.receivers.zipkin;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Zipkin spans to OTLP, the reverse of the OpenTelemetry-to-Zipkin transformation: one resource per
 * local service name, one scope per {@code otel.scope.name} tag, the kind absent in Zipkin read as
 * INTERNAL, annotations as events, tags as string attributes, the {@code error} and
 * {@code otel.status_*} tags as the status, endpoints as {@code network.local.*},
 * {@code peer.service} and {@code network.peer.*} attributes. OTLP has no field for Zipkin's
 * {@code shared} flag (a server span that shares its id with the client span), so it is kept as
 * the attribute {@code zipkin.shared}.
 */
final class ZipkinToOtlp {
  static final String UNKNOWN_SERVICE = "unknown_service";
  private static final String STATUS_CODE = "otel.status_code";
  private static final String STATUS_DESCRIPTION = "otel.status_description";
  private static final Set<String> SCOPE_TAGS = Set.of("otel.scope.name", "otel.scope.version",
      "otel.library.name", "otel.library.version");

  private ZipkinToOtlp() {}

  private record ScopeKey(String name, String version) {}

  static ExportTraceServiceRequest convert(List<ZipkinSpan> spans) {
    Map<String, Map<ScopeKey, ScopeSpans.Builder>> byService = new LinkedHashMap<>();
    for (ZipkinSpan s : spans) {
      String service = s.localEndpoint() == null || s.localEndpoint().serviceName().isEmpty()
          ? UNKNOWN_SERVICE : s.localEndpoint().serviceName();
      ScopeKey scope = new ScopeKey(tag(s, "otel.scope.name", tag(s, "otel.library.name", "")),
          tag(s, "otel.scope.version", tag(s, "otel.library.version", "")));
      byService.computeIfAbsent(service, k -> new LinkedHashMap<>())
          .computeIfAbsent(scope, k -> ScopeSpans.newBuilder().setScope(
              InstrumentationScope.newBuilder().setName(k.name()).setVersion(k.version())))
          .addSpans(span(s));
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    byService.forEach((service, scopes) -> {
      ResourceSpans.Builder rs = request.addResourceSpansBuilder()
          .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)));
      scopes.values().forEach(rs::addScopeSpans);
    });
    return request.build();
  }

  static Span span(ZipkinSpan s) {
    long start = s.timestampMicros() * 1_000;
    Span.Builder b = Span.newBuilder()
        .setTraceId(s.traceId())
        .setSpanId(s.id())
        .setName(s.name())
        .setKind(kind(s.kind()))
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(start + s.durationMicros() * 1_000);
    if (s.parentId() != null) {
      b.setParentSpanId(s.parentId());
    }
    ZipkinSpan.Endpoint local = s.localEndpoint();
    if (local != null) {
      addAddress(b, "network.local", local);
    }
    ZipkinSpan.Endpoint remote = s.remoteEndpoint();
    if (remote != null) {
      if (!remote.serviceName().isEmpty()) {
        b.addAttributes(attribute("peer.service", remote.serviceName()));
      }
      addAddress(b, "network.peer", remote);
    }
    if (s.shared()) {
      b.addAttributes(KeyValue.newBuilder().setKey("zipkin.shared").setValue(AnyValue.newBuilder().setBoolValue(true)));
    }
    s.tags().forEach((key, value) -> {
      if (!key.equals("error") && !key.equals(STATUS_CODE) && !key.equals(STATUS_DESCRIPTION) && !SCOPE_TAGS.contains(key)) {
        b.addAttributes(attribute(key, value));
      }
    });
    for (ZipkinSpan.Annotation a : s.annotations()) {
      b.addEventsBuilder().setTimeUnixNano(a.timestampMicros() * 1_000).setName(a.value());
    }
    Status status = status(s.tags());
    if (status != null) {
      b.setStatus(status);
    }
    return b.build();
  }

  /** {@code otel.status_code} wins over Zipkin's {@code error} tag, whose value is the message. */
  private static @Nullable Status status(Map<String, String> tags) {
    String code = tags.get(STATUS_CODE);
    if (code != null) {
      Status.StatusCode c = switch (code.toUpperCase(java.util.Locale.ROOT)) {
        case "OK" -> Status.StatusCode.STATUS_CODE_OK;
        case "ERROR" -> Status.StatusCode.STATUS_CODE_ERROR;
        default -> Status.StatusCode.STATUS_CODE_UNSET;
      };
      String message = c == Status.StatusCode.STATUS_CODE_ERROR ? tags.getOrDefault(STATUS_DESCRIPTION, tags.getOrDefault("error", "")) : "";
      return Status.newBuilder().setCode(c).setMessage(message).build();
    }
    String error = tags.get("error");
    if (error != null) {
      // Brave and others write "error" with an empty or "true" value when there is nothing more to say.
      String message = error.isEmpty() || error.equalsIgnoreCase("true") ? "" : error;
      return Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(message).build();
    }
    return null;
  }

  private static void addAddress(Span.Builder b, String prefix, ZipkinSpan.Endpoint e) {
    String address = !e.ipv4().isEmpty() ? e.ipv4() : e.ipv6();
    if (!address.isEmpty()) {
      b.addAttributes(attribute(prefix + ".address", address));
    }
    if (e.port() > 0) {
      b.addAttributes(KeyValue.newBuilder().setKey(prefix + ".port").setValue(AnyValue.newBuilder().setIntValue(e.port())));
    }
  }

  private static Span.SpanKind kind(ZipkinSpan.@Nullable Kind kind) {
    if (kind == null) {
      return Span.SpanKind.SPAN_KIND_INTERNAL;
    }
    return switch (kind) {
      case CLIENT -> Span.SpanKind.SPAN_KIND_CLIENT;
      case SERVER -> Span.SpanKind.SPAN_KIND_SERVER;
      case PRODUCER -> Span.SpanKind.SPAN_KIND_PRODUCER;
      case CONSUMER -> Span.SpanKind.SPAN_KIND_CONSUMER;
    };
  }

  private static String tag(ZipkinSpan s, String key, String otherwise) {
    return s.tags().getOrDefault(key, otherwise);
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
