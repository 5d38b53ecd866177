package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import dev.sightline.otlp.Ids;
import dev.sightline.storage.AttributeFilter;
import dev.sightline.storage.Operation;
import dev.sightline.storage.Page;
import dev.sightline.storage.PageCursor;
import dev.sightline.storage.StoredSpan;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.TraceQuery;
import dev.sightline.storage.TraceReader;
import dev.sightline.storage.TraceSummary;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Trace queries over {@code spans}, traces by id located through {@code trace_index}. */
final class ClickHouseTraceReader implements TraceReader {
  private static final Comparator<StoredSpan> BY_START = Comparator
      .comparingLong((StoredSpan s) -> s.span().getStartTimeUnixNano())
      .thenComparing(s -> s.span().getSpanId(), ByteString.unsignedLexicographicalComparator());
  private final ClickHouseHttp http;
  private final TraceLocator locator;

  ClickHouseTraceReader(ClickHouseHttp http) {
    this.http = http;
    this.locator = new TraceLocator(http);
  }

  @Override
  public List<StoredSpan> trace(String tenant, String traceId) {
    ByteString id = Ids.fromHex(traceId);
    Optional<String> where = locator.where(tenant, List.of(id));
    if (where.isEmpty()) {
      return List.of();
    }
    RowBinaryInput in = http.query("reading trace " + traceId, "SELECT trace_id, name, start_ns, "
        + "duration_ns, attr_keys, attr_values, attr_kinds, span, origin FROM spans WHERE " + where.get());
    List<StoredSpan> spans = new ArrayList<>();
    Origins origins = new Origins();
    while (in.hasMore()) {
      ByteString storedId = in.fixed(16);
      String name = in.string();
      long start = in.int64();
      long duration = in.int64();
      AttributeColumns attributes = AttributeColumns.read(in);
      Span span = SpanRows.span(in.bytes(), storedId, name, start, duration, attributes);
      spans.add(new StoredSpan(origins.decode(in.bytes()), span));
    }
    spans.sort(BY_START);
    return spans;
  }

  @Override
  public Page<TraceSummary> search(TraceQuery q) {
    Where where = spansWhere(q.tenant(), q.range(), q.service(), q.operation(), q.attributes());
    if (q.minDurationNanos() != null) {
      where.and("duration_ns >= " + q.minDurationNanos());
    }
    if (q.maxDurationNanos() != null) {
      where.and("duration_ns <= " + q.maxDurationNanos());
    }
    if (q.errorsOnly()) {
      where.and("status_code = " + Status.StatusCode.STATUS_CODE_ERROR_VALUE);
    }
    String having = "1";
    if (q.cursor() != null) {
      PageCursor c = q.cursor();
      String id = Sql.traceId(Ids.fromHex(c.id()));
      having = "ts < " + c.timeNanos() + " OR (ts = " + c.timeNanos() + " AND trace_id < " + id + ")";
    }
    RowBinaryInput in = http.query("searching traces", "SELECT trace_id, min(start_ns) AS ts FROM spans "
        + "WHERE " + where.sql() + " GROUP BY trace_id HAVING " + having
        + " ORDER BY ts DESC, trace_id DESC LIMIT " + (q.limit() + 1));
    List<ByteString> ids = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    while (in.hasMore()) {
      ids.add(in.fixed(16));
      times.add(in.int64());
    }
    String next = null;
    if (ids.size() > q.limit()) {
      ids = ids.subList(0, q.limit());
      next = new PageCursor(times.get(q.limit() - 1), Ids.toHex(ids.get(q.limit() - 1))).encode();
    }
    return new Page<>(summaries(q.tenant(), ids), next);
  }

  /** Spans of a tenant starting in the range, of the service and name when given, with the attributes. */
  static Where spansWhere(String tenant, TimeRange range, @Nullable String service, @Nullable String name,
      List<AttributeFilter> attributes) {
    Where where = new Where().and("tenant = " + Sql.text(tenant))
        .and("start_ns BETWEEN " + range.startNanos() + " AND " + range.endNanos());
    if (service != null) {
      where.and("service = " + Sql.text(service));
    }
    if (name != null) {
      where.and("name = " + Sql.text(name));
    }
    AttributeColumns.filter(where, attributes);
    return where;
  }

  private List<TraceSummary> summaries(String tenant, List<ByteString> ids) {
    Optional<String> where = ids.isEmpty() ? Optional.empty() : locator.where(tenant, ids);
    if (where.isEmpty()) {
      return List.of();
    }
    RowBinaryInput in = http.query("summarising traces", "SELECT trace_id, min(start_ns), max(start_ns + duration_ns), "
        + "count(), countIf(status_code = " + Status.StatusCode.STATUS_CODE_ERROR_VALUE + "), "
        + "arraySort(groupUniqArray(service)), argMin(service, (1 - is_root, start_ns)), "
        + "argMin(name, (1 - is_root, start_ns)) FROM spans WHERE " + where.get() + " GROUP BY trace_id");
    Map<ByteString, TraceSummary> byId = new HashMap<>();
    while (in.hasMore()) {
      ByteString id = in.fixed(16);
      long start = in.int64();
      long end = in.int64();
      int count = (int) in.int64();
      int errors = (int) in.int64();
      List<String> services = in.strings();
      byId.put(id, new TraceSummary(Ids.toHex(id), in.string(), in.string(), start, end - start,
          count, errors, services));
    }
    return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
  }

  @Override
  public List<String> services(String tenant) {
    return http.strings("listing services", "SELECT DISTINCT service FROM trace_index WHERE tenant = "
        + Sql.text(tenant) + " ORDER BY service");
  }

  @Override
  public List<Operation> operations(String tenant, String service) {
    RowBinaryInput in = http.query("listing operations of " + service, "SELECT DISTINCT name, kind "
        + "FROM spans WHERE tenant = " + Sql.text(tenant) + " AND service = " + Sql.text(service)
        + " ORDER BY name, kind");
    List<Operation> out = new ArrayList<>();
    while (in.hasMore()) {
      String name = in.string();
      Span.SpanKind kind = Span.SpanKind.forNumber(in.uint8());
      out.add(new Operation(name, kind == null ? "UNKNOWN" : kind.name().replace("SPAN_KIND_", "")));
    }
    return out;
  }
}
