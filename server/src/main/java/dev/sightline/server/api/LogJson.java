package dev.sightline.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sightline.otlp.AnyValueJson;
import dev.sightline.otlp.Ids;
import dev.sightline.storage.StoredLog;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.io.IOException;

/** Writes log records in the API's JSON form (see {@link SpanJson} for the conventions). */
final class LogJson {
  private LogJson() {}

  static void write(JsonGenerator g, StoredLog stored) throws IOException {
    LogRecord r = stored.record();
    g.writeStartObject();
    SpanJson.nanos(g, "timeUnixNano", r.getTimeUnixNano());
    SpanJson.nanos(g, "observedTimeUnixNano", r.getObservedTimeUnixNano());
    g.writeNumberField("severityNumber", r.getSeverityNumberValue());
    g.writeStringField("severityText", r.getSeverityText());
    g.writeFieldName("body");
    if (r.hasBody()) {
      AnyValueJson.writeValue(g, r.getBody());
    } else {
      g.writeNull();
    }
    g.writeStringField("service", SpanJson.service(stored.origin()));
    g.writeFieldName("attributes");
    AnyValueJson.writeKeyValues(g, r.getAttributesList());
    g.writeNumberField("droppedAttributesCount", r.getDroppedAttributesCount());
    g.writeStringField("traceId", Ids.toHex(r.getTraceId()));
    g.writeStringField("spanId", Ids.toHex(r.getSpanId()));
    g.writeNumberField("flags", r.getFlags());
    g.writeStringField("eventName", r.getEventName());
    SpanJson.origin(g, stored.origin());
    g.writeEndObject();
  }
}
