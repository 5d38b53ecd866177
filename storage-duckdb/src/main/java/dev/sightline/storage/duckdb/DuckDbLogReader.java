package dev.sightline.storage.duckdb;

import com.google.protobuf.ByteString;
import dev.sightline.otlp.AnyValueJson;
import dev.sightline.otlp.Ids;
import dev.sightline.storage.AttributeFilter;
import dev.sightline.storage.LogQuery;
import dev.sightline.storage.LogRecordReader;
import dev.sightline.storage.Page;
import dev.sightline.storage.PageCursor;
import dev.sightline.storage.StoredLog;
import dev.sightline.storage.TimeRange;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Log search over the {@code logs} table, newest first by (time, log id). */
final class DuckDbLogReader implements LogRecordReader {
  static final String LOG_COLUMNS = "l.log_id, l.ts, l.time_ns, l.observed_ns, l.severity_number, "
      + "l.severity_text, l.body, l.body_json, l.trace_id, l.span_id, l.flags, l.attributes, "
      + "l.dropped_attributes, l.event_name, ";
  private final ConnectionPool pool;
  private final TierReads tiers;

  DuckDbLogReader(ConnectionPool pool, TierReads tiers) {
    this.pool = pool;
    this.tiers = tiers;
  }

  @Override
  public Page<StoredLog> search(LogQuery q) {
    Where where = matching(q.tenant(), q.range(), q.service(), q.minSeverityNumber(), q.bodyContains(),
        q.attributes());
    if (q.traceId() != null) {
      where.and("l.trace_id = ?", (Object) Ids.fromHex(q.traceId()).toByteArray());
    }
    if (q.cursor() != null) {
      PageCursor cursor = q.cursor();
      long id = parseLogId(cursor.id());
      where.and("(l.ts < ? OR (l.ts = ? AND l.log_id < ?))", cursor.timeNanos(), cursor.timeNanos(), id);
    }
    return tiers.read(TieredTable.LOGS, q.tenant(), q.range().startNanos(), q.range().endNanos(),
        source -> search(q, where, source));
  }

  private Page<StoredLog> search(LogQuery q, Where where, String source) {
    String sql = "SELECT " + LOG_COLUMNS + OriginColumns.SELECT + " FROM " + source + " l "
        + OriginColumns.join("l") + " WHERE " + where.sql()
        + " ORDER BY l.ts DESC, l.log_id DESC LIMIT ?";
    return pool.with("searching logs", c -> {
      List<StoredLog> logs = new ArrayList<>();
      String nextCursor = null;
      String previousCursor = null;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setInt(where.bind(ps, 1), q.limit() + 1);
        OriginColumns origins = new OriginColumns();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (logs.size() == q.limit()) {
              nextCursor = previousCursor;
              break;
            }
            logs.add(new StoredLog(origins.read(rs, 15), record(rs)));
            previousCursor = new PageCursor(rs.getLong(2), Long.toString(rs.getLong(1))).encode();
          }
        }
      }
      return new Page<>(logs, nextCursor);
    });
  }

  /** The conditions log search and log counts share, over the {@code logs} table as {@code l}. */
  static Where matching(String tenant, TimeRange range, @Nullable String service, int minSeverityNumber,
      @Nullable String bodyContains, List<AttributeFilter> attributes) {
    Where where = new Where()
        .and("l.tenant = ?", tenant)
        .and("l.ts BETWEEN ? AND ?", range.startNanos(), range.endNanos());
    if (service != null) {
      where.and("l.service = ?", service);
    }
    if (minSeverityNumber > 0) {
      where.and("l.severity_number >= ?", minSeverityNumber);
    }
    if (bodyContains != null && !bodyContains.isEmpty()) {
      where.and("contains(lower(coalesce(l.body, l.body_json)), lower(?))", bodyContains);
    }
    return where.attributes("l", attributes);
  }

  private static long parseLogId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cursor does not belong to a log search");
    }
  }

  static LogRecord record(ResultSet rs) throws SQLException {
    LogRecord.Builder b = LogRecord.newBuilder()
        .setTimeUnixNano(rs.getLong(3))
        .setObservedTimeUnixNano(rs.getLong(4))
        .setSeverityNumberValue(rs.getInt(5))
        .setSeverityText(rs.getString(6))
        .setTraceId(ByteString.copyFrom(rs.getBytes(9)))
        .setSpanId(ByteString.copyFrom(rs.getBytes(10)))
        .setFlags(rs.getInt(11))
        .addAllAttributes(AnyValueJson.parseAttributes(rs.getString(12)))
        .setDroppedAttributesCount(rs.getInt(13))
        .setEventName(rs.getString(14));
    String text = rs.getString(7);
    String json = rs.getString(8);
    if (text != null) {
      b.setBody(AnyValue.newBuilder().setStringValue(text));
    } else if (json != null) {
      b.setBody(AnyValueJson.parseValue(json));
    }
    return b.build();
  }
}
