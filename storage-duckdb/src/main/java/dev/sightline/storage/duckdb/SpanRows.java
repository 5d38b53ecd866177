package dev.sightline.storage.duckdb;

import dev.sightline.otlp.AnyValueJson;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/** Appends spans as rows of the {@code spans} table. */
final class SpanRows {
  private final DuckDBAppender appender;
  private final Origins origins;

  SpanRows(DuckDBConnection connection, Origins origins) throws SQLException {
    this.appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "spans");
    this.origins = origins;
  }

  int append(String tenant, long seq, List<ResourceSpans> data) throws SQLException {
    int rows = 0;
    for (ResourceSpans rs : data) {
      long resourceId = origins.resource(rs.getResource(), rs.getSchemaUrl());
      String service = Origins.serviceName(rs.getResource());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        long scopeId = origins.scope(ss.getScope(), ss.getSchemaUrl());
        for (Span span : ss.getSpansList()) {
          appendSpan(tenant, seq, service, resourceId, scopeId, span);
          rows++;
        }
      }
    }
    return rows;
  }

  private void appendSpan(String tenant, long seq, String service, long resourceId, long scopeId,
      Span span) throws SQLException {
    appender.beginRow();
    appender.append(tenant);
    appender.append(seq);
    appender.append(span.getTraceId().toByteArray());
    appender.append(span.getSpanId().toByteArray());
    appender.append(span.getParentSpanId().toByteArray());
    appender.append(span.getTraceState());
    appender.append(span.getFlags());
    appender.append(span.getName());
    appender.append((byte) span.getKindValue());
    appender.append(span.getStartTimeUnixNano());
    appender.append(span.getEndTimeUnixNano());
    appender.append(span.getEndTimeUnixNano() - span.getStartTimeUnixNano());
    appender.append((byte) span.getStatus().getCodeValue());
    appender.append(span.getStatus().getMessage());
    appender.append(service);
    appender.append(resourceId);
    appender.append(scopeId);
    appender.append(AnyValueJson.attributes(span.getAttributesList()));
    appender.append(span.getDroppedAttributesCount());
    // Events and links are kept as protobuf: exact, compact, and never filtered on in SQL.
    byte[] events = events(span);
    if (events == null) {
      appender.appendNull();
    } else {
      appender.append(events);
    }
    if (span.getLinksCount() == 0 && span.getDroppedLinksCount() == 0) {
      appender.appendNull();
    } else {
      appender.append(Span.newBuilder().addAllLinks(span.getLinksList())
          .setDroppedLinksCount(span.getDroppedLinksCount()).build().toByteArray());
    }
    appender.endRow();
  }

  /** The events column: the span's events as protobuf, or null when it has none. */
  static byte @Nullable [] events(Span span) {
    if (span.getEventsCount() == 0 && span.getDroppedEventsCount() == 0) {
      return null;
    }
    return Span.newBuilder().addAllEvents(span.getEventsList())
        .setDroppedEventsCount(span.getDroppedEventsCount()).build().toByteArray();
  }

  void flush() throws SQLException {
    appender.flush();
  }

  void close() throws SQLException {
    appender.close();
  }
}
