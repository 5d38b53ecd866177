package dev.sightline.storage.clickhouse;

import dev.sightline.otlp.Ids;
import dev.sightline.storage.AttributeFilter;
import dev.sightline.storage.LogQuery;
import dev.sightline.storage.LogRecordReader;
import dev.sightline.storage.Page;
import dev.sightline.storage.PageCursor;
import dev.sightline.storage.StoredLog;
import dev.sightline.storage.TimeRange;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Log search over {@code logs}, newest first by (time, log id). */
final class ClickHouseLogReader implements LogRecordReader {
  private final ClickHouseHttp http;

  ClickHouseLogReader(ClickHouseHttp http) {
    this.http = http;
  }

  @Override
  public Page<StoredLog> search(LogQuery q) {
    Where where = matching(q.tenant(), q.range(), q.service(), q.minSeverityNumber(), q.bodyContains(),
        q.attributes());
    if (q.traceId() != null) {
      where.and("trace_id = " + Sql.traceId(Ids.fromHex(q.traceId())));
    }
    if (q.cursor() != null) {
      PageCursor c = q.cursor();
      long id;
      try {
        id = Long.parseLong(c.id());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("cursor does not belong to a log search");
      }
      where.and("(ts < " + c.timeNanos() + " OR (ts = " + c.timeNanos() + " AND log_id < " + id + "))");
    }
    RowBinaryInput in = http.query("searching logs", "SELECT log_id, ts, attr_keys, attr_values, attr_kinds, record, origin FROM logs WHERE "
        + where.sql() + " ORDER BY ts DESC, log_id DESC LIMIT " + (q.limit() + 1));
    List<StoredLog> logs = new ArrayList<>();
    Origins origins = new Origins();
    String next = null;
    String previous = null;
    while (in.hasMore()) {
      long id = in.int64();
      long ts = in.int64();
      if (logs.size() == q.limit()) {
        next = previous;
        break;
      }
      AttributeColumns attributes = AttributeColumns.read(in);
      var record = LogRows.record(in.bytes(), attributes);
      logs.add(new StoredLog(origins.decode(in.bytes()), record));
      previous = new PageCursor(ts, Long.toString(id)).encode();
    }
    return new Page<>(logs, next);
  }

  /** The conditions log search and log counts share. */
  static Where matching(String tenant, TimeRange range, @Nullable String service, int minSeverityNumber,
      @Nullable String bodyContains, List<AttributeFilter> attributes) {
    Where where = new Where().and("tenant = " + Sql.text(tenant))
        .and("ts BETWEEN " + range.startNanos() + " AND " + range.endNanos());
    if (service != null) {
      where.and("service = " + Sql.text(service));
    }
    if (minSeverityNumber > 0) {
      where.and("severity_number >= " + minSeverityNumber);
    }
    if (bodyContains != null && !bodyContains.isEmpty()) {
      where.and("positionCaseInsensitiveUTF8(body_text, " + Sql.text(bodyContains) + ") > 0");
    }
    AttributeColumns.filter(where, attributes);
    return where;
  }
}
