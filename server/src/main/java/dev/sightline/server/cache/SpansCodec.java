package dev.sightline.server.cache;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sightline.storage.Scoped;
import dev.sightline.storage.StoredSpan;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.util.ArrayList;
import java.util.List;

/**
 * The spans of a trace as OTLP {@code TracesData}: consecutive spans of the same resource and scope
 * share one {@code ResourceSpans}, so decoding gives back the spans in their stored order.
 */
final class SpansCodec implements ValueCodec<List<StoredSpan>> {

  @Override
  public byte[] encode(List<StoredSpan> spans) {
    TracesData.Builder data = TracesData.newBuilder();
    Scoped current = null;
    ScopeSpans.Builder scope = null;
    for (StoredSpan s : spans) {
      if (!s.origin().equals(current)) {
        current = s.origin();
        scope = data.addResourceSpansBuilder().setResource(current.resource()).setSchemaUrl(current.resourceSchemaUrl())
            .addScopeSpansBuilder().setScope(current.scope()).setSchemaUrl(current.scopeSchemaUrl());
      }
      scope.addSpans(s.span());
    }
    return data.build().toByteArray();
  }

  @Override
  public List<StoredSpan> decode(byte[] bytes) {
    TracesData data;
    try {
      data = TracesData.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("cached trace is not OTLP TracesData: " + e.getMessage(), e);
    }
    List<StoredSpan> spans = new ArrayList<>();
    for (ResourceSpans rs : data.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        Scoped origin = new Scoped(rs.getResource(), rs.getSchemaUrl(), ss.getScope(), ss.getSchemaUrl());
        ss.getSpansList().forEach(span -> spans.add(new StoredSpan(origin, span)));
      }
    }
    return List.copyOf(spans);
  }
}
