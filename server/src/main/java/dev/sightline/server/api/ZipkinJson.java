package dev.sightline.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sightline.otlp.AnyValueJson;
import dev.sightline.otlp.Ids;
import dev.sightline.storage.StoredSpan;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes spans in the Zipkin v2 JSON model, the OpenTelemetry Zipkin translation in reverse:
 * {@code service.name} → local endpoint, {@code peer.service} → remote endpoint, attributes →
 * string tags, status → {@code otel.status_code} and {@code error}, scope →
 * {@code otel.scope.name}/{@code version}, events → annotations, times in microseconds.
 */
final class ZipkinJson {
  private ZipkinJson() {}

  static void spans(JsonGenerator g, List<StoredSpan> spans) throws IOException {
    g.writeStartArray();
    for (StoredSpan s : spans) {
      span(g, s);
    }
    g.writeEndArray();
  }

  private static void span(JsonGenerator g, StoredSpan stored) throws IOException {
    Span s = stored.span();
    g.writeStartObject();
    g.writeStringField("traceId", Ids.toHex(s.getTraceId()));
    if (!s.getParentSpanId().isEmpty()) {
      g.writeStringField("parentId", Ids.toHex(s.getParentSpanId()));
    }
    g.writeStringField("id", Ids.toHex(s.getSpanId()));
    String kind = switch (s.getKind()) {
      case SPAN_KIND_CLIENT -> "CLIENT";
      case SPAN_KIND_SERVER -> "SERVER";
      case SPAN_KIND_PRODUCER -> "PRODUCER";
      case SPAN_KIND_CONSUMER -> "CONSUMER";
      default -> null;
    };
    if (kind != null) {
      g.writeStringField("kind", kind);
    }
    g.writeStringField("name", s.getName());
    g.writeNumberField("timestamp", s.getStartTimeUnixNano() / 1000);
    g.writeNumberField("duration", Math.max(1, (s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1000));
    g.writeObjectFieldStart("localEndpoint");
    g.writeStringField("serviceName", SpanJson.service(stored.origin()));
    g.writeEndObject();
    String peer = text(s.getAttributesList(), "peer.service");
    if (peer != null) {
      g.writeObjectFieldStart("remoteEndpoint");
      g.writeStringField("serviceName", peer);
      g.writeEndObject();
    }
    g.writeArrayFieldStart("annotations");
    for (Span.Event e : s.getEventsList()) {
      g.writeStartObject();
      g.writeNumberField("timestamp", e.getTimeUnixNano() / 1000);
      g.writeStringField("value", e.getAttributesCount() == 0 ? e.getName()
          : "\"" + e.getName() + "\":" + AnyValueJson.attributes(e.getAttributesList()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("tags");
    for (Map.Entry<String, String> t : tags(stored).entrySet()) {
      g.writeStringField(t.getKey(), t.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static Map<String, String> tags(StoredSpan stored) {
    Span s = stored.span();
    Map<String, String> tags = new LinkedHashMap<>();
    for (KeyValue kv : s.getAttributesList()) {
      tags.put(kv.getKey(), java.util.Objects.requireNonNullElse(GraphqlValues.text(kv.getValue()), ""));
    }
    Status.StatusCode code = s.getStatus().getCode();
    if (code == Status.StatusCode.STATUS_CODE_ERROR) {
      tags.put("otel.status_code", "ERROR");
      tags.put("error", s.getStatus().getMessage());
    } else if (code == Status.StatusCode.STATUS_CODE_OK) {
      tags.put("otel.status_code", "OK");
    }
    if (!stored.origin().scope().getName().isEmpty()) {
      tags.put("otel.scope.name", stored.origin().scope().getName());
    }
    if (!stored.origin().scope().getVersion().isEmpty()) {
      tags.put("otel.scope.version", stored.origin().scope().getVersion());
    }
    return tags;
  }

  private static @Nullable String text(List<KeyValue> attributes, String key) {
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(key) && kv.getValue().hasStringValue()) {
        return kv.getValue().getStringValue();
      }
    }
    return null;
  }
}
