package dev.sightline.storage.duckdb;

import dev.sightline.storage.SpanStatistics;
import dev.sightline.storage.SpanStatsQuery;
import dev.sightline.storage.SpanStatsQuery.Dimension;
import dev.sightline.storage.SpanStatsRow;
import io.opentelemetry.proto.trace.v1.Status;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Span counts, error counts and a duration quantile by group over the {@code spans} table. Spans
 * belong to the range their start lies in, as in trace search.
 */
final class DuckDbSpanStatistics implements SpanStatistics {
  private final ConnectionPool pool;
  private final TierReads tiers;

  DuckDbSpanStatistics(ConnectionPool pool, TierReads tiers) {
    this.pool = pool;
    this.tiers = tiers;
  }

  @Override
  public List<SpanStatsRow> spanStats(SpanStatsQuery q) {
    Where where = new Where()
        .and("s.tenant = ?", q.tenant())
        .and("s.start_ns BETWEEN ? AND ?", q.range().startNanos(), q.range().endNanos());
    if (q.service() != null) {
      where.and("s.service = ?", q.service());
    }
    if (q.spanName() != null) {
      where.and("s.name = ?", q.spanName());
    }
    if (q.kind() != null) {
      where.and("s.kind = ?", q.kind().getNumber());
    }
    where.attributes("s", q.attributes());
    List<Dimension> dimensions = q.groupBy().stream().sorted().toList();
    StringBuilder sql = new StringBuilder("SELECT ");
    for (Dimension d : dimensions) {
      sql.append(switch (d) {
        case SERVICE -> "s.service";
        case SPAN_NAME -> "s.name";
      }).append(", ");
    }
    // DuckDB takes the quantile only as a constant; the query has checked that it lies in 0..1.
    sql.append("count(*), count_if(s.status_code = ").append(Status.StatusCode.STATUS_CODE_ERROR_VALUE)
        .append("), quantile_cont(s.duration_ns, ").append(String.format(Locale.ROOT, "%.17g", q.quantile()))
        .append(") FROM " + TierReads.SOURCE + " s WHERE ").append(where.sql());
    if (!dimensions.isEmpty()) {
      String positions = DuckDbLogCounter.positions(dimensions.size());
      sql.append(" GROUP BY ").append(positions).append(" ORDER BY ").append(positions);
    }
    return tiers.read(TieredTable.SPANS, q.tenant(), q.range().startNanos(), q.range().endNanos(),
        source -> pool.with("computing span statistics", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.toString().replace(TierReads.SOURCE, source))) {
        where.bind(ps, 1);
        List<SpanStatsRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < dimensions.size(); i++) {
              group.put(dimensions.get(i).label(), rs.getString(i + 1));
            }
            int n = dimensions.size();
            double quantile = rs.getDouble(n + 3);
            rows.add(new SpanStatsRow(group, rs.getLong(n + 1), rs.getLong(n + 2),
                rs.wasNull() ? Double.NaN : quantile));
          }
        }
        return rows;
      }
    }));
  }
}
