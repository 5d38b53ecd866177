package dev.sightline.server.api;

import static dev.sightline.server.api.GraphqlValues.nanos;

import dev.sightline.otlp.Ids;
import dev.sightline.server.api.GraphqlValues.Attribute;
import dev.sightline.storage.StoredLog;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A log record as the GraphQL {@code Log} type shows it; made from a record already masked for the caller. */
record GraphqlLog(String timeUnixNano, String observedTimeUnixNano, int severityNumber, String severityText,
    @Nullable String body, String bodyType, String service, List<Attribute> attributes, int droppedAttributesCount,
    @Nullable String traceId, @Nullable String spanId, int flags, String eventName, GraphqlValues.Resource resource,
    GraphqlValues.Scope scope) {

  static GraphqlLog of(StoredLog stored) {
    LogRecord r = stored.record();
    return new GraphqlLog(nanos(r.getTimeUnixNano()), nanos(r.getObservedTimeUnixNano()), r.getSeverityNumberValue(),
        r.getSeverityText(), r.hasBody() ? GraphqlValues.text(r.getBody()) : null,
        GraphqlValues.type(r.getBody()), SpanJson.service(stored.origin()), GraphqlValues.attributes(r.getAttributesList()),
        r.getDroppedAttributesCount(), Ids.isAllZero(r.getTraceId()) ? null : Ids.toHex(r.getTraceId()),
        Ids.isAllZero(r.getSpanId()) ? null : Ids.toHex(r.getSpanId()), r.getFlags(), r.getEventName(),
        GraphqlValues.resource(stored.origin()), GraphqlValues.scope(stored.origin()));
  }
}
