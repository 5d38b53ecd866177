package dev.sightline.storage.duckdb;

import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.MetricReader;
import dev.sightline.storage.SeriesQuery;
import dev.sightline.storage.StoredSeries;
import dev.sightline.storage.TimeRange;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Series queries over the {@code points} table; labels as {@link StoredSeries} defines them. */
final class DuckDbMetricReader implements MetricReader {
  static final String NAME_LABEL = "__name__";
  private final ConnectionPool pool;
  private final TierReads tiers;

  DuckDbMetricReader(ConnectionPool pool, TierReads tiers) {
    this.pool = pool;
    this.tiers = tiers;
  }

  private static Where inRange(String tenant, TimeRange range) {
    return new Where().and("p.tenant = ?", tenant)
        .and("p.time_ns BETWEEN ? AND ?", range.startNanos(), range.endNanos());
  }

  @Override
  public List<String> metricNames(String tenant, TimeRange range) {
    Where where = inRange(tenant, range);
    return list(tenant, range, "listing metric names",
        "SELECT DISTINCT p.metric_name FROM " + TierReads.SOURCE + " p WHERE " + where.sql() + " ORDER BY 1", where);
  }

  @Override
  public List<String> labelNames(String tenant, TimeRange range) {
    Where where = inRange(tenant, range);
    String sql = "WITH used AS (SELECT DISTINCT p.attributes, p.resource_id FROM " + TierReads.SOURCE + " p WHERE "
        + where.sql() + ") SELECT DISTINCT k FROM ("
        + "SELECT unnest(json_keys(attributes)) AS k FROM used UNION ALL "
        + "SELECT unnest(json_keys(r.attributes)) FROM resources r "
        + "WHERE r.id IN (SELECT resource_id FROM used)) ORDER BY k";
    List<String> names = new ArrayList<>(list(tenant, range, "listing label names", sql, where));
    if (!names.isEmpty() || !metricNames(tenant, range).isEmpty()) {
      names.add(NAME_LABEL);
      names.sort(null);
    }
    return names;
  }

  @Override
  public List<String> labelValues(String tenant, String labelName, TimeRange range) {
    if (labelName.equals(NAME_LABEL)) {
      return metricNames(tenant, range);
    }
    Where where = inRange(tenant, range);
    String path = Where.jsonPath(labelName);
    String sql = "SELECT DISTINCT v FROM (SELECT coalesce(json_extract_string(p.attributes, '"
        + path.replace("'", "''") + "'), json_extract_string(r.attributes, '"
        + path.replace("'", "''") + "')) AS v FROM (SELECT DISTINCT p.attributes, p.resource_id "
        + "FROM " + TierReads.SOURCE + " p WHERE " + where.sql() + ") p JOIN resources r ON r.id = p.resource_id) "
        + "WHERE v IS NOT NULL ORDER BY v";
    return list(tenant, range, "listing values of label " + labelName, sql, where);
  }

  @Override
  public List<StoredSeries> series(SeriesQuery q) {
    Where where = inRange(q.tenant(), q.range());
    for (LabelMatcher m : q.matchers()) {
      matcher(where, m);
    }
    String sql = "SELECT " + SeriesAssembler.COLUMNS + ", " + OriginColumns.SELECT
        + " FROM " + TierReads.SOURCE + " p " + OriginColumns.join("p") + " WHERE " + where.sql()
        + " ORDER BY p.series_id, p.time_ns";
    return tiers.read(TieredTable.POINTS, q.tenant(), q.range().startNanos(), q.range().endNanos(),
        source -> pool.with("reading series", c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.replace(TierReads.SOURCE, source))) {
            where.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
              return new SeriesAssembler(q.limit()).read(rs);
            }
          }
        }));
  }

  private static void matcher(Where where, LabelMatcher m) {
    String value;
    if (m.name().equals(NAME_LABEL)) {
      value = "p.metric_name";
    } else {
      String path = "'" + Where.jsonPath(m.name()).replace("'", "''") + "'";
      value = "coalesce(json_extract_string(p.attributes, " + path + "), "
          + "json_extract_string(r.attributes, " + path + "), '')";
    }
    switch (m.op()) {
      case EQ -> where.and(value + " = ?", m.value());
      case NEQ -> where.and(value + " <> ?", m.value());
      case RE -> where.and("regexp_full_match(" + value + ", ?)", m.value());
      case NRE -> where.and("NOT regexp_full_match(" + value + ", ?)", m.value());
    }
  }

  private List<String> list(String tenant, TimeRange range, String what, String sql, Where where) {
    return tiers.read(TieredTable.POINTS, tenant, range.startNanos(), range.endNanos(),
        source -> pool.with(what, c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.replace(TierReads.SOURCE, source))) {
            where.bind(ps, 1);
            return DuckDbTraceReader.strings(ps);
          }
        }));
  }
}
