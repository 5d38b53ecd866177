package dev.sightline.server.api;

import static dev.sightline.otlp.AnyValueJson.writeKeyValues;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import dev.sightline.otlp.Ids;
import dev.sightline.otlp.SamplingThreshold;
import dev.sightline.storage.Scoped;
import dev.sightline.storage.StoredSpan;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;

/**
 * Writes spans, with their resource and scope, in the API's JSON form: ids as lowercase hex,
 * nanosecond times as decimal strings (exact in every JSON client), attributes as objects.
 */
final class SpanJson {
  private SpanJson() {}

  static void write(JsonGenerator g, StoredSpan stored) throws IOException {
    Span s = stored.span();
    g.writeStartObject();
    g.writeStringField("traceId", Ids.toHex(s.getTraceId()));
    g.writeStringField("spanId", Ids.toHex(s.getSpanId()));
    g.writeStringField("parentSpanId", Ids.toHex(s.getParentSpanId()));
    g.writeStringField("traceState", s.getTraceState());
    // How many spans this one stands for, from the sampling threshold in its tracestate (1 when unsampled).
    g.writeNumberField("adjustedCount", SamplingThreshold.adjustedCount(SamplingThreshold.threshold(s.getTraceState()).orElse(0)));
    g.writeNumberField("flags", s.getFlags());
    g.writeStringField("name", s.getName());
    g.writeStringField("kind", s.getKind() == Span.SpanKind.UNRECOGNIZED ? "UNKNOWN"
        : s.getKind().name().replace("SPAN_KIND_", ""));
    nanos(g, "startTimeUnixNano", s.getStartTimeUnixNano());
    nanos(g, "endTimeUnixNano", s.getEndTimeUnixNano());
    g.writeNumberField("durationNanos", s.getEndTimeUnixNano() - s.getStartTimeUnixNano());
    g.writeStringField("service", service(stored.origin()));
    g.writeFieldName("attributes");
    writeKeyValues(g, s.getAttributesList());
    g.writeNumberField("droppedAttributesCount", s.getDroppedAttributesCount());
    g.writeArrayFieldStart("events");
    for (Span.Event e : s.getEventsList()) {
      g.writeStartObject();
      nanos(g, "timeUnixNano", e.getTimeUnixNano());
      g.writeStringField("name", e.getName());
      g.writeFieldName("attributes");
      writeKeyValues(g, e.getAttributesList());
      g.writeNumberField("droppedAttributesCount", e.getDroppedAttributesCount());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("droppedEventsCount", s.getDroppedEventsCount());
    g.writeArrayFieldStart("links");
    for (Span.Link l : s.getLinksList()) {
      g.writeStartObject();
      g.writeStringField("traceId", Ids.toHex(l.getTraceId()));
      g.writeStringField("spanId", Ids.toHex(l.getSpanId()));
      g.writeStringField("traceState", l.getTraceState());
      g.writeNumberField("flags", l.getFlags());
      g.writeFieldName("attributes");
      writeKeyValues(g, l.getAttributesList());
      g.writeNumberField("droppedAttributesCount", l.getDroppedAttributesCount());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("droppedLinksCount", s.getDroppedLinksCount());
    g.writeObjectFieldStart("status");
    Status.StatusCode code = s.getStatus().getCode();
    g.writeStringField("code", code == Status.StatusCode.UNRECOGNIZED ? "UNSET" : code.name().replace("STATUS_CODE_", ""));
    g.writeStringField("message", s.getStatus().getMessage());
    g.writeEndObject();
    origin(g, stored.origin());
    g.writeEndObject();
  }

  static void origin(JsonGenerator g, Scoped origin) throws IOException {
    g.writeObjectFieldStart("resource");
    g.writeFieldName("attributes");
    writeKeyValues(g, origin.resource().getAttributesList());
    g.writeNumberField("droppedAttributesCount", origin.resource().getDroppedAttributesCount());
    g.writeStringField("schemaUrl", origin.resourceSchemaUrl());
    g.writeEndObject();
    g.writeObjectFieldStart("scope");
    g.writeStringField("name", origin.scope().getName());
    g.writeStringField("version", origin.scope().getVersion());
    g.writeFieldName("attributes");
    writeKeyValues(g, origin.scope().getAttributesList());
    g.writeNumberField("droppedAttributesCount", origin.scope().getDroppedAttributesCount());
    g.writeStringField("schemaUrl", origin.scopeSchemaUrl());
    g.writeEndObject();
  }

  static String service(Scoped origin) {
    return service(origin.resource());
  }

  static String service(io.opentelemetry.proto.resource.v1.Resource resource) {
    return resource.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals("service.name") && kv.getValue().hasStringValue())
        .map(kv -> kv.getValue().getStringValue()).findFirst().orElse("unknown_service");
  }

  static void nanos(JsonGenerator g, String field, long nanos) throws IOException {
    g.writeStringField(field, Long.toUnsignedString(nanos));
  }

  static String hex(ByteString id) {
    return Ids.toHex(id);
  }
}
