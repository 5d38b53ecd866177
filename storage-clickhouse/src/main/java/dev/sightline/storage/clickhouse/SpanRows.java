package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes spans as rows of {@code spans} and, per trace, service and day, one row of
 * {@code trace_index}. The stored span drops the fields that have columns (trace id, name,
 * times, attributes); {@link #span} puts them back.
 */
final class SpanRows {
  private final String writer;
  private final RowBinaryOutput spans = new RowBinaryOutput();
  private final Map<IndexKey, long[]> index = new HashMap<>();

  private record IndexKey(String tenant, ByteString traceId, String service, long day) {}

  SpanRows(String writer) {
    this.writer = writer;
  }

  void append(String tenant, long seq, List<ResourceSpans> data) {
    for (ResourceSpans rs : data) {
      String service = Services.of(rs.getResource());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        ByteString origin = Origins.encode(rs.getResource(), rs.getSchemaUrl(), ss.getScope(), ss.getSchemaUrl());
        for (Span span : ss.getSpansList()) {
          row(tenant, seq, service, origin, AttributeColumns.of(span.getAttributesList(),
              rs.getResource().getAttributesList()), span);
        }
      }
    }
  }

  private void row(String tenant, long seq, String service, ByteString origin,
      AttributeColumns attributes, Span span) {
    long start = span.getStartTimeUnixNano();
    ByteString traceId = RowBinaryOutput.padded(span.getTraceId(), 16);
    spans.day(start);
    spans.string(tenant);
    spans.int64(seq);
    spans.string(writer);
    spans.string(service);
    spans.string(span.getName());
    spans.uint8(span.getKindValue());
    spans.int64(start);
    spans.int64(span.getEndTimeUnixNano() - start); // signed, so start + duration is the end exactly
    spans.uint8(span.getStatus().getCodeValue());
    spans.uint8(span.getParentSpanId().isEmpty() ? 1 : 0);
    spans.fixed(traceId, 16);
    attributes.write(spans);
    Span.Builder stored = span.toBuilder().clearName().clearStartTimeUnixNano().clearEndTimeUnixNano()
        .clearAttributes();
    if (span.getTraceId().size() == 16) {
      stored.clearTraceId();
    }
    spans.bytes(stored.build().toByteString());
    spans.bytes(origin);
    spans.endRow();
    long[] range = index.computeIfAbsent(new IndexKey(tenant, traceId, service,
        Long.divideUnsigned(start, 86_400_000_000_000L)), k -> new long[] {start, start, seq});
    range[0] = Math.min(range[0], start);
    range[1] = Math.max(range[1], start);
    range[2] = Math.max(range[2], seq);
  }

  int rows() {
    return spans.rows();
  }

  /** Sends the rows gathered so far: spans first, so an index row never points at nothing. */
  void flush(ClickHouseHttp http) {
    if (spans.rows() > 0) {
      http.insert("spans", Schema.SPAN_COLUMNS, spans.toByteArray());
      spans.reset();
    }
    if (!index.isEmpty()) {
      RowBinaryOutput rows = new RowBinaryOutput();
      index.forEach((key, range) -> {
        rows.day(range[0]);
        rows.string(key.tenant());
        rows.int64(range[2]);
        rows.string(writer);
        rows.fixed(key.traceId(), 16);
        rows.string(key.service());
        rows.int64(range[0]);
        rows.int64(range[1]);
        rows.endRow();
      });
      http.insert("trace_index", Schema.TRACE_INDEX_COLUMNS, rows.toByteArray());
      index.clear();
    }
  }

  void clear() {
    spans.reset();
    index.clear();
  }

  /** A stored span with the fields kept in columns put back. */
  static Span span(ByteString stored, ByteString traceId, String name, long start, long duration,
      AttributeColumns attributes) {
    try {
      Span.Builder b = Span.parseFrom(stored).toBuilder().setName(name).addAllAttributes(attributes.own())
          .setStartTimeUnixNano(start).setEndTimeUnixNano(start + duration);
      if (b.getTraceId().isEmpty() && !dev.sightline.otlp.Ids.isAllZero(traceId)) {
        b.setTraceId(traceId);
      }
      return b.build();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new dev.sightline.storage.StorageException("a stored span is corrupt: " + e.getMessage(), e);
    }
  }
}
