package dev.sightline.storage.clickhouse;

import dev.sightline.storage.SpanStatistics;
import dev.sightline.storage.SpanStatsQuery;
import dev.sightline.storage.SpanStatsQuery.Dimension;
import dev.sightline.storage.SpanStatsRow;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Span counts, error counts and a duration quantile by group over {@code spans}. The quantile is
 * interpolated between the nearest two durations (as {@code quantile_cont}); ClickHouse's own
 * quantile functions either sample or pick one value, so it is computed from the sorted durations.
 */
final class ClickHouseSpanStatistics implements SpanStatistics {
  private final ClickHouseHttp http;

  ClickHouseSpanStatistics(ClickHouseHttp http) {
    this.http = http;
  }

  @Override
  public List<SpanStatsRow> spanStats(SpanStatsQuery q) {
    Where where = ClickHouseTraceReader.spansWhere(q.tenant(), q.range(), q.service(), q.spanName(),
        q.attributes());
    if (q.kind() != null) {
      where.and("kind = " + q.kind().getNumber());
    }
    List<Dimension> dimensions = q.groupBy().stream().sorted().toList();
    List<String> columns = dimensions.stream().map(d -> switch (d) {
      case SERVICE -> "service";
      case SPAN_NAME -> "name";
    }).toList();
    String quantile = String.format(Locale.ROOT, "%.17g", q.quantile());
    String aggregates = "count() AS n, countIf(status_code = " + Status.StatusCode.STATUS_CODE_ERROR_VALUE
        + ") AS e, arraySort(groupArray(toFloat64(duration_ns))) AS d, "
        + "greatest(toFloat64(n) - 1, 0) * " + quantile + " AS h, toUInt64(floor(h)) AS lo, "
        + "if(n = 0, nan, d[lo + 1] + (h - lo) * (d[least(lo + 2, n)] - d[lo + 1])) AS q";
    // The outer query leaves out the sorted durations and other helper columns.
    String names = Groups.names(columns.size());
    RowBinaryInput in = http.query("computing span statistics", "SELECT "
        + (names.isEmpty() ? "" : names + ", ") + "n, e, q FROM ("
        + Groups.select(columns, aggregates, "spans", where) + ")"
        + (names.isEmpty() ? "" : " ORDER BY " + names));
    List<String> labels = dimensions.stream().map(Dimension::label).toList();
    List<SpanStatsRow> rows = new ArrayList<>();
    while (in.hasMore()) {
      var group = Groups.read(in, labels);
      long count = in.int64();
      long errors = in.int64();
      rows.add(new SpanStatsRow(group, count, errors, in.float64()));
    }
    return rows;
  }
}
