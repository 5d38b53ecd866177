package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The traces in OTLP spans, and the spans without some of them. */
final class TraceSpans {
  private TraceSpans() {}

  static Set<ByteString> ids(List<ResourceSpans> resources) {
    Set<ByteString> ids = new LinkedHashSet<>();
    for (ResourceSpans r : resources) {
      for (ScopeSpans s : r.getScopeSpansList()) {
        for (Span span : s.getSpansList()) {
          ids.add(span.getTraceId());
        }
      }
    }
    return ids;
  }

  /** The spans not of {@code traces}, keeping resources and scopes that still hold some. */
  static List<ResourceSpans> without(List<ResourceSpans> resources, Set<ByteString> traces) {
    List<ResourceSpans> out = new ArrayList<>();
    for (ResourceSpans r : resources) {
      ResourceSpans.Builder rb = r.toBuilder().clearScopeSpans();
      for (ScopeSpans s : r.getScopeSpansList()) {
        ScopeSpans.Builder sb = s.toBuilder().clearSpans();
        s.getSpansList().stream().filter(span -> !traces.contains(span.getTraceId())).forEach(sb::addSpans);
        if (sb.getSpansCount() > 0) {
          rb.addScopeSpans(sb);
        }
      }
      if (rb.getScopeSpansCount() > 0) {
        out.add(rb.build());
      }
    }
    return out;
  }
}
