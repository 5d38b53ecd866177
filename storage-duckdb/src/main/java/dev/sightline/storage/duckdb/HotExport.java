package dev.sightline.storage.duckdb;

import dev.sightline.storage.tier.Tier;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Moves one tenant's day of a table out of the hot store into a warm Parquet file: in one
 * transaction on the writer's connection it writes the file, checks that the file holds exactly
 * the rows it selected, records the file in the catalog and deletes those rows. A crash before the
 * commit leaves the hot rows and a file the garbage list collects; after it, the file alone.
 */
final class HotExport {
  private final DuckDbWriter writer;
  private final ConnectionPool pool;
  private final TierCatalog catalog;
  private final TierConfig config;
  private final ParquetKey key;

  HotExport(DuckDbWriter writer, ConnectionPool pool, TierCatalog catalog, TierConfig config, ParquetKey key) {
    this.key = key;
    this.writer = writer;
    this.pool = pool;
    this.catalog = catalog;
    this.config = config;
  }

  /** {@code <tenant>/<signal>/<table>/<partition>/<id>.parquet}: a day for files, a month for bundles. */
  static String path(String tenant, TieredTable table, String partition, String id) {
    return URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/" + table.signal.label() + "/" + table.table
        + "/" + partition + "/" + id + ".parquet";
  }

  /** Moves the rows and returns how many moved. */
  long move(TieredTable table, String tenant, long day) {
    String id = table.table + "-" + LocalDate.ofEpochDay(day) + "-" + UUID.randomUUID().toString().substring(0, 8);
    String location = "warm/" + path(tenant, table, LocalDate.ofEpochDay(day).toString(), id);
    Path file = config.directory().resolve(location);
    long now = config.clock().millis();
    pool.with("recording the file about to be written", c -> {
      TierCatalog.collectLater(c, TierCatalog.Kind.FILE, location, now + config.grace().toMillis());
      return null;
    });
    String where = " WHERE tenant = " + ParquetFiles.literal(tenant) + " AND " + table.day() + " = " + day;
    try {
      return writer.exclusive("moving " + table.table + " of " + tenant + " on " + LocalDate.ofEpochDay(day) + " to the warm tier", c -> {
        long hotRows;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table.table + where);
            ResultSet rs = ps.executeQuery()) {
          rs.next();
          hotRows = rs.getLong(1);
        }
        ParquetFiles.Written w;
        try {
          w = ParquetFiles.write(c, table, "SELECT * FROM " + table.table + where, file, key);
        } catch (IOException e) {
          throw new SQLException("writing " + file + " failed: " + e.getMessage(), e);
        }
        if (w.rows() != hotRows) {
          throw new SQLException(file + " holds " + w.rows() + " rows, the hot store " + hotRows);
        }
        if (table == TieredTable.CHUNKS) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO series_extent SELECT series_id, "
              + "min(min_t), max(max_t) FROM chunks" + where + " GROUP BY series_id")) {
            ps.executeUpdate();
          }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table.table + where)) {
          ps.executeUpdate();
        }
        TierCatalog.insert(c, new TierFile(id, tenant, table, day, Tier.WARM, location, w.rows(), w.bytes(),
            w.minNs(), w.maxNs(), w.traceFilter(), 0));
        TierCatalog.keep(c, TierCatalog.Kind.FILE, location);
        catalog.publishing();
        return hotRows;
      });
    } finally {
      catalog.published();
    }
  }
}
