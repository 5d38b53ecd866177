package dev.sightline.server.api;

import static dev.sightline.server.api.GraphqlValues.nanos;

import dev.sightline.otlp.Ids;
import dev.sightline.otlp.SamplingThreshold;
import dev.sightline.server.api.GraphqlValues.Attribute;
import dev.sightline.storage.StoredSpan;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A span as the GraphQL {@code Span} type shows it; made from a span already masked for the caller. */
record GraphqlSpan(String traceId, String spanId, @Nullable String parentSpanId, String traceState, int flags,
    double adjustedCount, String name, String kind, String service, String startTimeUnixNano, String endTimeUnixNano,
    long durationNanos, List<Attribute> attributes, int droppedAttributesCount, List<Event> events, int droppedEventsCount,
    List<Link> links, int droppedLinksCount, SpanStatus status, GraphqlValues.Resource resource, GraphqlValues.Scope scope) {

  record Event(String timeUnixNano, String name, List<Attribute> attributes, int droppedAttributesCount) {}

  record Link(String traceId, String spanId, String traceState, int flags, List<Attribute> attributes,
      int droppedAttributesCount) {}

  record SpanStatus(String code, String message) {}

  static GraphqlSpan of(StoredSpan stored) {
    Span s = stored.span();
    String parent = Ids.isAllZero(s.getParentSpanId()) ? null : Ids.toHex(s.getParentSpanId());
    Status.StatusCode code = s.getStatus().getCode();
    return new GraphqlSpan(Ids.toHex(s.getTraceId()), Ids.toHex(s.getSpanId()), parent, s.getTraceState(), s.getFlags(),
        SamplingThreshold.adjustedCount(SamplingThreshold.threshold(s.getTraceState()).orElse(0)), s.getName(),
        kind(s.getKind()), SpanJson.service(stored.origin()), nanos(s.getStartTimeUnixNano()), nanos(s.getEndTimeUnixNano()),
        s.getEndTimeUnixNano() - s.getStartTimeUnixNano(), GraphqlValues.attributes(s.getAttributesList()), s.getDroppedAttributesCount(),
        s.getEventsList().stream().map(e -> new Event(nanos(e.getTimeUnixNano()), e.getName(), GraphqlValues.attributes(e.getAttributesList()),
            e.getDroppedAttributesCount())).toList(), s.getDroppedEventsCount(),
        s.getLinksList().stream().map(l -> new Link(Ids.toHex(l.getTraceId()), Ids.toHex(l.getSpanId()), l.getTraceState(),
            l.getFlags(), GraphqlValues.attributes(l.getAttributesList()), l.getDroppedAttributesCount())).toList(), s.getDroppedLinksCount(),
        new SpanStatus(code == Status.StatusCode.UNRECOGNIZED ? "UNSET" : code.name().replace("STATUS_CODE_", ""),
            s.getStatus().getMessage()),
        GraphqlValues.resource(stored.origin()), GraphqlValues.scope(stored.origin()));
  }

  /** The {@code SpanKind} enum's name: {@code SPAN_KIND_SERVER} is {@code SERVER}. */
  static String kind(Span.SpanKind kind) {
    return kind == Span.SpanKind.UNRECOGNIZED ? "UNKNOWN" : kind.name().replace("SPAN_KIND_", "");
  }
}
