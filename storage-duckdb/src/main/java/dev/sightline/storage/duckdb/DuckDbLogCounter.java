package dev.sightline.storage.duckdb;

import dev.sightline.storage.CountRow;
import dev.sightline.storage.LogCountQuery;
import dev.sightline.storage.LogCountQuery.Dimension;
import dev.sightline.storage.LogCounter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Log counts by group over the {@code logs} table, with the conditions of log search. */
final class DuckDbLogCounter implements LogCounter {
  /**
   * The severity text, or the short name of the severity number where a logger set only that:
   * numbers 1–4 are TRACE, 5–8 DEBUG and so on in steps of four, as the OpenTelemetry log data
   * model defines them.
   */
  static final String SEVERITY = "CASE WHEN l.severity_text <> '' THEN l.severity_text "
      + "WHEN l.severity_number BETWEEN 1 AND 24 "
      + "THEN ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'][(l.severity_number - 1) // 4 + 1] "
      + "ELSE 'UNSPECIFIED' END";
  private final ConnectionPool pool;
  private final TierReads tiers;

  DuckDbLogCounter(ConnectionPool pool, TierReads tiers) {
    this.pool = pool;
    this.tiers = tiers;
  }

  @Override
  public List<CountRow> countLogs(LogCountQuery q) {
    Where where = DuckDbLogReader.matching(q.tenant(), q.range(), q.service(), q.minSeverityNumber(),
        q.bodyContains(), q.attributes());
    List<Dimension> dimensions = q.groupBy().stream().sorted().toList();
    List<String> columns = dimensions.stream().map(d -> switch (d) {
      case SERVICE -> "l.service";
      case SEVERITY_TEXT -> SEVERITY;
    }).toList();
    StringBuilder sql = new StringBuilder("SELECT ");
    columns.forEach(c -> sql.append(c).append(", "));
    sql.append("count(*) FROM " + TierReads.SOURCE + " l WHERE ").append(where.sql());
    if (!columns.isEmpty()) {
      String positions = positions(columns.size());
      sql.append(" GROUP BY ").append(positions).append(" ORDER BY ").append(positions);
    }
    return tiers.read(TieredTable.LOGS, q.tenant(), q.range().startNanos(), q.range().endNanos(),
        source -> pool.with("counting logs", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.toString().replace(TierReads.SOURCE, source))) {
        where.bind(ps, 1);
        List<CountRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < dimensions.size(); i++) {
              group.put(dimensions.get(i).label(), rs.getString(i + 1));
            }
            rows.add(new CountRow(group, rs.getLong(dimensions.size() + 1)));
          }
        }
        return rows;
      }
    }));
  }

  /** {@code 1, 2, …, n}: group and order by the selected columns by position. */
  static String positions(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      s.append(i == 1 ? "" : ", ").append(i);
    }
    return s.toString();
  }
}
