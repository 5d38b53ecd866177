package dev.sightline.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sightline.otlp.AnyValueJson;
import dev.sightline.otlp.Ids;
import dev.sightline.storage.StoredSpan;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes traces in the Jaeger query JSON model ({@code /api/traces}), the reverse of the
 * OpenTelemetry Jaeger translation: resource → process (service name and tags), attributes → typed
 * tags, kind → {@code span.kind}, status → {@code otel.status_code} (and {@code error=true}),
 * scope → {@code otel.scope.name}/{@code version}, events → logs with an {@code event} field,
 * parent → {@code CHILD_OF}, links → {@code FOLLOWS_FROM}; times in microseconds.
 */
final class JaegerJson {
  private JaegerJson() {}

  static void trace(JsonGenerator g, String traceId, List<StoredSpan> spans) throws IOException {
    Map<Resource, String> processes = new LinkedHashMap<>();
    for (StoredSpan s : spans) {
      processes.computeIfAbsent(s.origin().resource(), r -> "p" + (processes.size() + 1));
    }
    g.writeStartObject();
    g.writeStringField("traceID", traceId);
    g.writeArrayFieldStart("spans");
    for (StoredSpan s : spans) {
      span(g, s, processes.get(s.origin().resource()));
    }
    g.writeEndArray();
    g.writeObjectFieldStart("processes");
    for (Map.Entry<Resource, String> p : processes.entrySet()) {
      g.writeObjectFieldStart(p.getValue());
      g.writeStringField("serviceName", SpanJson.service(p.getKey()));
      g.writeArrayFieldStart("tags");
      for (KeyValue kv : p.getKey().getAttributesList()) {
        if (!kv.getKey().equals("service.name")) {
          tag(g, kv.getKey(), kv.getValue());
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeNullField("warnings");
    g.writeEndObject();
  }

  private static void span(JsonGenerator g, StoredSpan stored, String processId) throws IOException {
    Span s = stored.span();
    String traceId = Ids.toHex(s.getTraceId());
    g.writeStartObject();
    g.writeStringField("traceID", traceId);
    g.writeStringField("spanID", Ids.toHex(s.getSpanId()));
    g.writeStringField("operationName", s.getName());
    g.writeArrayFieldStart("references");
    if (!s.getParentSpanId().isEmpty()) {
      reference(g, "CHILD_OF", traceId, Ids.toHex(s.getParentSpanId()));
    }
    for (Span.Link l : s.getLinksList()) {
      reference(g, "FOLLOWS_FROM", Ids.toHex(l.getTraceId()), Ids.toHex(l.getSpanId()));
    }
    g.writeEndArray();
    g.writeNumberField("flags", s.getFlags() & 0xff);
    g.writeNumberField("startTime", s.getStartTimeUnixNano() / 1000);
    g.writeNumberField("duration", Math.max(0, s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1000);
    g.writeArrayFieldStart("tags");
    for (KeyValue kv : s.getAttributesList()) {
      tag(g, kv.getKey(), kv.getValue());
    }
    for (Map.Entry<String, AnyValue> extra : derivedTags(stored).entrySet()) {
      tag(g, extra.getKey(), extra.getValue());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("logs");
    for (Span.Event e : s.getEventsList()) {
      g.writeStartObject();
      g.writeNumberField("timestamp", e.getTimeUnixNano() / 1000);
      g.writeArrayFieldStart("fields");
      tag(g, "event", text(e.getName()));
      for (KeyValue kv : e.getAttributesList()) {
        tag(g, kv.getKey(), kv.getValue());
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("processID", processId);
    g.writeNullField("warnings");
    g.writeEndObject();
  }

  /** The tags the Jaeger model keeps in tags that OTLP keeps in fields. */
  private static Map<String, AnyValue> derivedTags(StoredSpan stored) {
    Span s = stored.span();
    Map<String, AnyValue> out = new LinkedHashMap<>();
    String kind = switch (s.getKind()) {
      case SPAN_KIND_CLIENT -> "client";
      case SPAN_KIND_SERVER -> "server";
      case SPAN_KIND_PRODUCER -> "producer";
      case SPAN_KIND_CONSUMER -> "consumer";
      case SPAN_KIND_INTERNAL -> "internal";
      default -> null;
    };
    if (kind != null) {
      out.put("span.kind", text(kind));
    }
    Status.StatusCode code = s.getStatus().getCode();
    if (code == Status.StatusCode.STATUS_CODE_ERROR) {
      out.put("otel.status_code", text("ERROR"));
      out.put("error", AnyValue.newBuilder().setBoolValue(true).build());
    } else if (code == Status.StatusCode.STATUS_CODE_OK) {
      out.put("otel.status_code", text("OK"));
    }
    if (!s.getStatus().getMessage().isEmpty()) {
      out.put("otel.status_description", text(s.getStatus().getMessage()));
    }
    if (!stored.origin().scope().getName().isEmpty()) {
      out.put("otel.scope.name", text(stored.origin().scope().getName()));
    }
    if (!stored.origin().scope().getVersion().isEmpty()) {
      out.put("otel.scope.version", text(stored.origin().scope().getVersion()));
    }
    if (!s.getTraceState().isEmpty()) {
      out.put("w3c.tracestate", text(s.getTraceState()));
    }
    return out;
  }

  private static void reference(JsonGenerator g, String type, String traceId, String spanId) throws IOException {
    g.writeStartObject();
    g.writeStringField("refType", type);
    g.writeStringField("traceID", traceId);
    g.writeStringField("spanID", spanId);
    g.writeEndObject();
  }

  /** A typed Jaeger tag; arrays and maps become their JSON text, as the translation says. */
  static void tag(JsonGenerator g, String key, AnyValue v) throws IOException {
    g.writeStartObject();
    g.writeStringField("key", key);
    switch (v.getValueCase()) {
      case BOOL_VALUE -> {
        g.writeStringField("type", "bool");
        g.writeBooleanField("value", v.getBoolValue());
      }
      case INT_VALUE -> {
        g.writeStringField("type", "int64");
        g.writeNumberField("value", v.getIntValue());
      }
      case DOUBLE_VALUE -> {
        g.writeStringField("type", "float64");
        g.writeNumberField("value", v.getDoubleValue());
      }
      case BYTES_VALUE -> {
        g.writeStringField("type", "binary");
        g.writeStringField("value", Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
      }
      case STRING_VALUE -> {
        g.writeStringField("type", "string");
        g.writeStringField("value", v.getStringValue());
      }
      default -> {
        g.writeStringField("type", "string");
        g.writeStringField("value", v.getValueCase() == AnyValue.ValueCase.VALUE_NOT_SET ? "" : AnyValueJson.value(v));
      }
    }
    g.writeEndObject();
  }

  private static AnyValue text(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }
}
