package dev.sightline.storage.duckdb;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sightline.otlp.AnyValueJson;
import dev.sightline.otlp.Ids;
import dev.sightline.storage.Operation;
import dev.sightline.storage.Page;
import dev.sightline.storage.PageCursor;
import dev.sightline.storage.StoredSpan;
import dev.sightline.storage.TraceQuery;
import dev.sightline.storage.TraceReader;
import dev.sightline.storage.TraceSummary;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Trace queries over the {@code spans} table. */
final class DuckDbTraceReader implements TraceReader {
  static final String SPAN_COLUMNS = "s.trace_id, s.span_id, s.parent_span_id, "
      + "s.trace_state, s.flags, s.name, s.kind, s.start_ns, s.end_ns, s.status_code, "
      + "s.status_message, s.attributes, s.dropped_attributes, s.events, s.links, ";
  private final ConnectionPool pool;
  private final TierReads tiers;

  DuckDbTraceReader(ConnectionPool pool, TierReads tiers) {
    this.pool = pool;
    this.tiers = tiers;
  }

  @Override
  public List<StoredSpan> trace(String tenant, String traceId) {
    byte[] id = Ids.fromHex(traceId).toByteArray();
    return tiers.readTrace(tenant, id, source -> pool.with("reading trace " + traceId, c -> {
      String sql = "SELECT " + SPAN_COLUMNS + OriginColumns.SELECT + " FROM " + source + " s "
          + OriginColumns.join("s") + " WHERE s.tenant = ? AND s.trace_id = ? "
          + "ORDER BY s.start_ns, s.span_id";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, tenant);
        ps.setBytes(2, id);
        List<StoredSpan> spans = new ArrayList<>();
        OriginColumns origins = new OriginColumns();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            spans.add(new StoredSpan(origins.read(rs, 16), span(rs)));
          }
        }
        return spans;
      }
    }));
  }

  static Span span(ResultSet rs) throws SQLException {
    Span.Builder b = Span.newBuilder()
        .setTraceId(ByteString.copyFrom(rs.getBytes(1)))
        .setSpanId(ByteString.copyFrom(rs.getBytes(2)))
        .setParentSpanId(ByteString.copyFrom(rs.getBytes(3)))
        .setTraceState(rs.getString(4))
        .setFlags(rs.getInt(5))
        .setName(rs.getString(6))
        .setKindValue(rs.getInt(7))
        .setStartTimeUnixNano(rs.getLong(8))
        .setEndTimeUnixNano(rs.getLong(9))
        .addAllAttributes(AnyValueJson.parseAttributes(rs.getString(12)))
        .setDroppedAttributesCount(rs.getInt(13));
    Status status = Status.newBuilder().setCodeValue(rs.getInt(10)).setMessage(rs.getString(11)).build();
    if (!status.equals(Status.getDefaultInstance())) {
      b.setStatus(status);
    }
    try {
      for (int column : new int[] {14, 15}) {
        byte[] blob = rs.getBytes(column);
        if (blob != null) {
          b.mergeFrom(blob);
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("stored events or links are corrupt: " + e.getMessage(), e);
    }
    return b.build();
  }

  @Override
  public Page<TraceSummary> search(TraceQuery q) {
    Where where = new Where()
        .and("s.tenant = ?", q.tenant())
        .and("s.start_ns BETWEEN ? AND ?", q.range().startNanos(), q.range().endNanos());
    if (q.service() != null) {
      where.and("s.service = ?", q.service());
    }
    if (q.operation() != null) {
      where.and("s.name = ?", q.operation());
    }
    if (q.minDurationNanos() != null) {
      where.and("s.duration_ns >= ?", q.minDurationNanos());
    }
    if (q.maxDurationNanos() != null) {
      where.and("s.duration_ns <= ?", q.maxDurationNanos());
    }
    if (q.errorsOnly()) {
      where.and("s.status_code = " + Status.StatusCode.STATUS_CODE_ERROR_VALUE);
    }
    where.attributes("s", q.attributes());
    Where after = new Where();
    if (q.cursor() != null) {
      PageCursor cursor = q.cursor();
      after.and("(ts < ? OR (ts = ? AND trace_id < ?))", cursor.timeNanos(), cursor.timeNanos(),
          Ids.fromHex(cursor.id()).toByteArray());
    }
    return tiers.read(TieredTable.SPANS, q.tenant(), q.range().startNanos(), q.range().endNanos(),
        source -> search(q, where, after, source));
  }

  private Page<TraceSummary> search(TraceQuery q, Where where, Where after, String source) {
    String sql = "SELECT trace_id, ts FROM (SELECT s.trace_id, min(s.start_ns) AS ts FROM " + source + " s "
        + "WHERE " + where.sql() + " GROUP BY s.trace_id) WHERE " + after.sql()
        + " ORDER BY ts DESC, trace_id DESC LIMIT ?";
    return pool.with("searching traces", c -> {
      List<byte[]> ids = new ArrayList<>();
      List<Long> times = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int next = after.bind(ps, where.bind(ps, 1));
        ps.setInt(next, q.limit() + 1);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getBytes(1));
            times.add(rs.getLong(2));
          }
        }
      }
      boolean more = ids.size() > q.limit();
      List<byte[]> page = more ? ids.subList(0, q.limit()) : ids;
      String nextCursor = null;
      if (more) {
        int last = q.limit() - 1;
        nextCursor = new PageCursor(times.get(last),
            Ids.toHex(ByteString.copyFrom(ids.get(last)))).encode();
      }
      return new Page<>(summaries(c, source, q.tenant(), page), nextCursor);
    });
  }

  private static List<TraceSummary> summaries(java.sql.Connection c, String source, String tenant,
      List<byte[]> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    String sql = "SELECT trace_id, min(start_ns), max(end_ns), count(*), "
        + "count_if(status_code = 2), list(DISTINCT service), "
        + "arg_min(service, {'child': octet_length(parent_span_id) > 0, 'start': start_ns}), "
        + "arg_min(name, {'child': octet_length(parent_span_id) > 0, 'start': start_ns}) "
        + "FROM " + source + " WHERE tenant = ? AND trace_id IN (" + Where.placeholders(ids.size()) + ") "
        + "GROUP BY trace_id";
    Map<String, TraceSummary> byId = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      for (int i = 0; i < ids.size(); i++) {
        ps.setBytes(i + 2, ids.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String id = Ids.toHex(ByteString.copyFrom(rs.getBytes(1)));
          long start = rs.getLong(2);
          byId.put(id, new TraceSummary(id, rs.getString(7), rs.getString(8), start,
              rs.getLong(3) - start, rs.getInt(4), rs.getInt(5), sortedStrings(rs.getArray(6))));
        }
      }
    }
    List<TraceSummary> ordered = new ArrayList<>();
    for (byte[] id : ids) {
      ordered.add(byId.get(Ids.toHex(ByteString.copyFrom(id))));
    }
    return ordered;
  }

  static List<String> sortedStrings(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    return Arrays.stream(values).map(String::valueOf).sorted().toList();
  }

  @Override
  public List<String> services(String tenant) {
    return pool.with("listing services", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT DISTINCT service FROM spans WHERE tenant = ? ORDER BY service")) {
        ps.setString(1, tenant);
        return strings(ps);
      }
    });
  }

  @Override
  public List<Operation> operations(String tenant, String service) {
    return pool.with("listing operations of " + service, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT name, kind FROM spans "
          + "WHERE tenant = ? AND service = ? ORDER BY name, kind")) {
        ps.setString(1, tenant);
        ps.setString(2, service);
        List<Operation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Operation(rs.getString(1), kindName(rs.getInt(2))));
          }
        }
        return out;
      }
    });
  }

  static String kindName(int kind) {
    SpanKind k = SpanKind.forNumber(kind);
    return k == null ? "UNKNOWN" : k.name().replace("SPAN_KIND_", "");
  }

  static List<String> strings(PreparedStatement ps) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
