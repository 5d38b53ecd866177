package dev.sightline.pipeline.processor;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/** The spans of one trace a tail sampler holds until it decides, as they arrived. */
final class BufferedTrace {
  /** A trace of a tenant. */
  record Key(String tenant, ByteString traceId) {}

  final Key key;
  final long firstSeenMillis;
  final long firstSequence;
  final List<ResourceSpans> pieces = new ArrayList<>();
  private int spans;
  private long bytes;
  private long start = Long.MAX_VALUE;
  private long end = Long.MIN_VALUE;

  BufferedTrace(Key key, long firstSeenMillis, long firstSequence) {
    this.key = key;
    this.firstSeenMillis = firstSeenMillis;
    this.firstSequence = firstSequence;
  }

  void add(ResourceSpans piece) {
    pieces.add(piece);
    bytes += piece.getSerializedSize();
    for (ScopeSpans ss : piece.getScopeSpansList()) {
      for (Span s : ss.getSpansList()) {
        spans++;
        start = Math.min(start, s.getStartTimeUnixNano());
        end = Math.max(end, s.getEndTimeUnixNano());
      }
    }
  }

  int spanCount() {
    return spans;
  }

  long bytes() {
    return bytes;
  }

  long durationNanos() {
    return spans == 0 ? 0 : end - start;
  }

  boolean anySpan(TailPolicy.SpanTest test) {
    return TailPolicy.anySpan(pieces, test);
  }

  Span firstSpan() {
    return pieces.get(0).getScopeSpans(0).getSpans(0);
  }

  /** The service of the span without a parent, else of the first span seen. */
  String rootService() {
    for (ResourceSpans rs : pieces) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          if (s.getParentSpanId().isEmpty()) {
            return OtlpEditor.serviceName(rs.getResource().getAttributesList());
          }
        }
      }
    }
    return OtlpEditor.serviceName(pieces.get(0).getResource().getAttributesList());
  }
}
