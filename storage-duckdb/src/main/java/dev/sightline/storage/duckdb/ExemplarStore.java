package dev.sightline.storage.duckdb;

import dev.sightline.storage.ExemplarReader;
import dev.sightline.storage.ExemplarSeries;
import dev.sightline.storage.LabelMatcher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Exemplars in the {@code exemplars} table: written with the batch they came in (their rows carry
 * its sequence, so an interrupted batch removes them like any other row), read by metric name and
 * time, then matched on their series' labels. Exemplars are sparse, so one row each is cheap.
 */
final class ExemplarStore implements ExemplarReader {
  static final String TABLE = """
      CREATE TABLE IF NOT EXISTS exemplars(
        tenant VARCHAR NOT NULL, seq BIGINT NOT NULL, metric_name VARCHAR NOT NULL,
        series VARCHAR NOT NULL, ts BIGINT NOT NULL, value DOUBLE NOT NULL, labels VARCHAR NOT NULL)""";

  /** One exemplar waiting in a write batch. */
  record Pending(String tenant, long seq, SortedMap<String, String> series, long ts, double value,
      SortedMap<String, String> labels) {}

  private final ConnectionPool readers;

  ExemplarStore(ConnectionPool readers) {
    this.readers = readers;
  }

  static void write(Connection c, List<Pending> pending) throws SQLException {
    if (pending.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO exemplars VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (Pending p : pending) {
        ps.setString(1, p.tenant());
        ps.setLong(2, p.seq());
        ps.setString(3, p.series().getOrDefault("__name__", ""));
        ps.setString(4, LabelSets.json(p.series()));
        ps.setLong(5, p.ts());
        ps.setDouble(6, p.value());
        ps.setString(7, LabelSets.json(p.labels()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public List<ExemplarSeries> exemplars(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs, int limit) {
    String name = null;
    List<Pattern> patterns = new ArrayList<>();
    for (LabelMatcher m : matchers) {
      boolean regex = m.op() == LabelMatcher.Op.RE || m.op() == LabelMatcher.Op.NRE;
      patterns.add(regex ? Pattern.compile(m.value(), Pattern.DOTALL) : null);
      if (m.name().equals("__name__") && m.op() == LabelMatcher.Op.EQ) {
        name = m.value();
      }
    }
    String metric = name;
    Map<String, List<ExemplarSeries.Exemplar>> bySeries = readers.with("an exemplar query", c -> {
      Map<String, List<ExemplarSeries.Exemplar>> out = new LinkedHashMap<>();
      String sql = "SELECT series, ts, value, labels FROM exemplars WHERE tenant = ? AND ts BETWEEN ? AND ?"
          + (metric != null ? " AND metric_name = ?" : "") + " ORDER BY series, ts LIMIT ?";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        ps.setString(i++, tenant);
        ps.setLong(i++, minMs);
        ps.setLong(i++, maxMs);
        if (metric != null) {
          ps.setString(i++, metric);
        }
        ps.setLong(i, (long) limit * 100);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String series = rs.getString(1);
            if (out.containsKey(series) || SeriesIndex.matchesAll(LabelSets.parse(series), matchers, patterns)) {
              out.computeIfAbsent(series, k -> new ArrayList<>()).add(new ExemplarSeries.Exemplar(
                  LabelSets.parse(rs.getString(4)), rs.getDouble(3), rs.getLong(2)));
            }
          }
        }
      }
      return out;
    });
    List<ExemplarSeries> result = new ArrayList<>();
    for (Map.Entry<String, List<ExemplarSeries.Exemplar>> e : bySeries.entrySet()) {
      if (result.size() >= limit) {
        break;
      }
      TreeMap<String, String> labels = LabelSets.parse(e.getKey());
      result.add(new ExemplarSeries(labels, e.getValue()));
    }
    return result;
  }
}
