package dev.sightline.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sightline.otlp.Ids;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The same spans as Zipkin v2 JSON, following the OpenTelemetry-to-Zipkin mapping, for the peer run. */
final class ZipkinJson {
  private static final JsonFactory JSON = new JsonFactory();

  private ZipkinJson() {}

  static byte[] spans(List<ResourceSpans> data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (ResourceSpans rs : data) {
        String service = rs.getResource().getAttributesList().stream().filter(kv -> kv.getKey().equals("service.name"))
            .map(kv -> kv.getValue().getStringValue()).findFirst().orElse("unknown_service");
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span s : ss.getSpansList()) {
            span(g, service, s);
          }
        }
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void span(JsonGenerator g, String service, Span s) throws IOException {
    g.writeStartObject();
    g.writeStringField("traceId", Ids.toHex(s.getTraceId()));
    g.writeStringField("id", Ids.toHex(s.getSpanId()));
    if (!s.getParentSpanId().isEmpty()) {
      g.writeStringField("parentId", Ids.toHex(s.getParentSpanId()));
    }
    g.writeStringField("name", s.getName());
    switch (s.getKind()) {
      case SPAN_KIND_SERVER -> g.writeStringField("kind", "SERVER");
      case SPAN_KIND_CLIENT -> g.writeStringField("kind", "CLIENT");
      case SPAN_KIND_PRODUCER -> g.writeStringField("kind", "PRODUCER");
      case SPAN_KIND_CONSUMER -> g.writeStringField("kind", "CONSUMER");
      default -> { }
    }
    g.writeNumberField("timestamp", s.getStartTimeUnixNano() / 1000);
    g.writeNumberField("duration", Math.max(1, (s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1000));
    g.writeObjectFieldStart("localEndpoint");
    g.writeStringField("serviceName", service);
    g.writeEndObject();
    g.writeObjectFieldStart("tags");
    for (KeyValue kv : s.getAttributesList()) {
      g.writeStringField(kv.getKey(), text(kv.getValue()));
    }
    if (s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      g.writeStringField("otel.status_code", "ERROR");
      g.writeStringField("error", s.getStatus().getMessage());
    }
    g.writeEndObject();
    if (s.getEventsCount() > 0) {
      g.writeArrayFieldStart("annotations");
      for (Span.Event e : s.getEventsList()) {
        g.writeStartObject();
        g.writeNumberField("timestamp", e.getTimeUnixNano() / 1000);
        g.writeStringField("value", e.getName());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      default -> v.toString();
    };
  }
}
