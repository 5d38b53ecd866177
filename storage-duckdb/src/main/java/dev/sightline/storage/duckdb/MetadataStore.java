package dev.sightline.storage.duckdb;

import dev.sightline.storage.MetricMetadata;
import dev.sightline.storage.MetricMetadataReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The newest metadata of each metric family, per tenant, in the {@code metric_metadata} table and
 * in memory. Writes happen only when a family is new or its metadata changed, so a steady stream
 * costs a map lookup per family and batch; replaying a batch writes the same rows again, harmlessly.
 */
final class MetadataStore implements MetricMetadataReader {
  static final String TABLE = """
      CREATE TABLE IF NOT EXISTS metric_metadata(
        tenant VARCHAR NOT NULL, name VARCHAR NOT NULL, type VARCHAR NOT NULL, help VARCHAR NOT NULL,
        unit VARCHAR NOT NULL)""";
  private final Map<String, Map<String, MetricMetadata>> byTenant = new ConcurrentHashMap<>();

  void load(Connection c) throws SQLException {
    byTenant.clear();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT tenant, name, type, help, unit FROM metric_metadata")) {
      while (rs.next()) {
        families(rs.getString(1)).put(rs.getString(2), new MetricMetadata(rs.getString(3), rs.getString(4), rs.getString(5)));
      }
    }
  }

  private Map<String, MetricMetadata> families(String tenant) {
    return byTenant.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
  }

  /** Stores what changed among {@code seen}: tenant → family → metadata. */
  void update(Connection c, Map<String, Map<String, MetricMetadata>> seen) throws SQLException {
    for (Map.Entry<String, Map<String, MetricMetadata>> t : seen.entrySet()) {
      Map<String, MetricMetadata> known = families(t.getKey());
      for (Map.Entry<String, MetricMetadata> f : t.getValue().entrySet()) {
        MetricMetadata m = f.getValue();
        MetricMetadata old = known.get(f.getKey());
        if (m.equals(old) || (old != null && m.type().equals("unknown"))) {
          continue;
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM metric_metadata WHERE tenant = ? AND name = ?");
            PreparedStatement ins = c.prepareStatement("INSERT INTO metric_metadata VALUES (?, ?, ?, ?, ?)")) {
          del.setString(1, t.getKey());
          del.setString(2, f.getKey());
          del.executeUpdate();
          ins.setString(1, t.getKey());
          ins.setString(2, f.getKey());
          ins.setString(3, m.type());
          ins.setString(4, m.help());
          ins.setString(5, m.unit());
          ins.executeUpdate();
        }
        known.put(f.getKey(), m);
      }
    }
  }

  @Override
  public Map<String, List<MetricMetadata>> metadata(String tenant, @Nullable String metric, int limit) {
    Map<String, List<MetricMetadata>> out = new TreeMap<>();
    for (Map.Entry<String, MetricMetadata> e : new TreeMap<>(families(tenant)).entrySet()) {
      if (out.size() >= limit) {
        break;
      }
      if (metric == null || metric.equals(e.getKey())) {
        out.put(e.getKey(), new ArrayList<>(List.of(e.getValue())));
      }
    }
    return out;
  }
}
