package dev.sightline.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.jspecify.annotations.Nullable;

/** Validates the spans of one trace export request; see {@link OtlpValidator} for the rules. */
final class TraceValidation {
  private final AttributeLimits limits;

  TraceValidation(AttributeLimits limits) {
    this.limits = limits;
  }

  static long count(ExportTraceServiceRequest request) {
    long count = 0;
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        count += ss.getSpansCount();
      }
    }
    return count;
  }

  Validated<ExportTraceServiceRequest> validate(ExportTraceServiceRequest request) {
    Rejections rejections = new Rejections();
    int position = 0;
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans rs = request.getResourceSpans(r);
      String resourceProblem = Rejections.about("resource", limits.check(rs.getResource().getAttributesList()));
      for (int s = 0; s < rs.getScopeSpansCount(); s++) {
        ScopeSpans ss = rs.getScopeSpans(s);
        String shared = resourceProblem != null ? resourceProblem
            : Rejections.about("scope", limits.check(ss.getScope().getAttributesList()));
        for (int i = 0; i < ss.getSpansCount(); i++, position++) {
          Span span = ss.getSpans(i);
          String problem = shared != null ? shared : problem(span);
          if (problem != null) {
            String path = "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "]";
            rejections.reject(position, () -> path + " (span " + Quoted.of(span.getName()) + "): " + problem);
          }
        }
      }
    }
    ExportTraceServiceRequest accepted = rejections.none() ? request : without(request, rejections);
    return new Validated<>(accepted, position, rejections.count(), rejections.messages());
  }

  private @Nullable String problem(Span span) {
    String problem = IdChecks.required("traceId", span.getTraceId(), IdChecks.TRACE_ID_BYTES);
    if (problem == null) {
      problem = IdChecks.required("spanId", span.getSpanId(), IdChecks.SPAN_ID_BYTES);
    }
    if (problem == null) {
      problem = IdChecks.optional("parentSpanId", span.getParentSpanId(), IdChecks.SPAN_ID_BYTES);
    }
    if (problem == null) {
      problem = times(span.getStartTimeUnixNano(), span.getEndTimeUnixNano());
    }
    if (problem == null) {
      problem = limits.check(span.getAttributesList());
    }
    for (int e = 0; problem == null && e < span.getEventsCount(); e++) {
      String event = limits.check(span.getEvents(e).getAttributesList());
      problem = event == null ? null : "events[" + e + "]: " + event;
    }
    for (int l = 0; problem == null && l < span.getLinksCount(); l++) {
      String link = link(span.getLinks(l));
      problem = link == null ? null : "links[" + l + "]: " + link;
    }
    return problem;
  }

  private static @Nullable String times(long start, long end) {
    if (start == 0) {
      return "startTimeUnixNano is missing (0)";
    }
    if (Long.compareUnsigned(end, start) < 0) {
      return "span ends before it starts: start=" + Long.toUnsignedString(start)
          + ", end=" + Long.toUnsignedString(end);
    }
    return null;
  }

  private @Nullable String link(Span.Link link) {
    String problem = IdChecks.required("traceId", link.getTraceId(), IdChecks.TRACE_ID_BYTES);
    if (problem == null) {
      problem = IdChecks.required("spanId", link.getSpanId(), IdChecks.SPAN_ID_BYTES);
    }
    return problem != null ? problem : limits.check(link.getAttributesList());
  }

  private static ExportTraceServiceRequest without(ExportTraceServiceRequest request, Rejections rejections) {
    ExportTraceServiceRequest.Builder out = request.toBuilder().clearResourceSpans();
    int position = 0;
    for (ResourceSpans rs : request.getResourceSpansList()) {
      ResourceSpans.Builder resource = rs.toBuilder().clearScopeSpans();
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        ScopeSpans.Builder scope = ss.toBuilder().clearSpans();
        for (Span span : ss.getSpansList()) {
          if (!rejections.isRejected(position++)) {
            scope.addSpans(span);
          }
        }
        if (scope.getSpansCount() > 0) {
          resource.addScopeSpans(scope);
        }
      }
      if (resource.getScopeSpansCount() > 0) {
        out.addResourceSpans(resource);
      }
    }
    return out.build();
  }
}
