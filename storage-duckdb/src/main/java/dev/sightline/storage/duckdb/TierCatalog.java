package dev.sightline.storage.duckdb;

import dev.sightline.storage.tier.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The tier catalog: which Parquet files hold which rows, in the {@code tier_files} table and in
 * memory. A move changes the table and the hot rows in one transaction while it holds the
 * catalog's write lock, and queries hold the read lock from planning to their last row, so a query
 * sees a row either in the hot store or in a file, never both and never neither.
 *
 * <p>{@code tier_garbage} lists files and objects to delete once {@code not_before} has passed:
 * what a move is about to write (removed when the move commits, so a crash leaves the half-written
 * file to be collected) and what a committed move made obsolete (kept for a grace period because
 * running queries may still read it).
 */
final class TierCatalog {
  static final List<String> TABLES = List.of(
      """
      CREATE TABLE IF NOT EXISTS tier_files(
        id VARCHAR NOT NULL, tenant VARCHAR NOT NULL, tbl VARCHAR NOT NULL, day BIGINT NOT NULL,
        tier VARCHAR NOT NULL, location VARCHAR NOT NULL, rows BIGINT NOT NULL, bytes BIGINT NOT NULL,
        min_ns BIGINT NOT NULL, max_ns BIGINT NOT NULL, trace_filter BLOB, restored_until BIGINT NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS tier_garbage(
        kind VARCHAR NOT NULL, location VARCHAR NOT NULL, not_before BIGINT NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS series_extent(
        series_id INTEGER NOT NULL, min_t BIGINT NOT NULL, max_t BIGINT NOT NULL)""");

  /** What {@code tier_garbage} points at: a path under the tier directory or an object key. */
  enum Kind { FILE, OBJECT }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
  private final ConnectionPool pool;
  private volatile List<TierFile> files = List.of();

  TierCatalog(ConnectionPool pool) {
    this.pool = pool;
    pool.with("reading the tier catalog", c -> {
      load(c);
      return null;
    });
  }

  private void load(Connection c) throws SQLException {
    List<TierFile> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, tenant, tbl, day, tier, location, rows, bytes, min_ns, "
            + "max_ns, trace_filter, restored_until FROM tier_files ORDER BY min_ns, id")) {
      while (rs.next()) {
        out.add(new TierFile(rs.getString(1), rs.getString(2), TieredTable.of(rs.getString(3)), rs.getLong(4),
            Tier.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), rs.getString(6), rs.getLong(7), rs.getLong(8),
            rs.getLong(9), rs.getLong(10), rs.getBytes(11), rs.getLong(12)));
      }
    }
    files = List.copyOf(out);
  }

  List<TierFile> files() {
    return files;
  }

  ReentrantReadWriteLock.ReadLock readLock() {
    return lock.readLock();
  }

  /** Changes in one transaction of {@code c}; the caller commits, then calls {@link #load}. */
  static void insert(Connection c, TierFile f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO tier_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, f.id());
      ps.setString(2, f.tenant());
      ps.setString(3, f.table().table);
      ps.setLong(4, f.day());
      ps.setString(5, f.tier().label());
      ps.setString(6, f.location());
      ps.setLong(7, f.rows());
      ps.setLong(8, f.bytes());
      ps.setLong(9, f.minNs());
      ps.setLong(10, f.maxNs());
      ps.setBytes(11, f.traceFilter());
      ps.setLong(12, f.restoredUntilMillis());
      ps.executeUpdate();
    }
  }

  static void remove(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM tier_files WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  static void replace(Connection c, TierFile f) throws SQLException {
    remove(c, f.id());
    insert(c, f);
  }

  static void collectLater(Connection c, Kind kind, String location, long notBeforeMillis) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO tier_garbage VALUES (?, ?, ?)")) {
      ps.setString(1, kind.name());
      ps.setString(2, location);
      ps.setLong(3, notBeforeMillis);
      ps.executeUpdate();
    }
  }

  static void keep(Connection c, Kind kind, String location) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM tier_garbage WHERE kind = ? AND location = ?")) {
      ps.setString(1, kind.name());
      ps.setString(2, location);
      ps.executeUpdate();
    }
  }

  /**
   * Holds off new queries and waits for running ones; the move then commits and calls
   * {@link #published}. Called last inside the move's transaction, so the wait is short.
   */
  void publishing() {
    if (!lock.isWriteLockedByCurrentThread()) {
      lock.writeLock().lock();
    }
  }

  /** Reloads the catalog after the move committed (or rolled back) and lets queries run again. */
  void published() {
    if (!lock.isWriteLockedByCurrentThread()) {
      return;
    }
    try {
      pool.with("reading the tier catalog", c -> {
        load(c);
        return null;
      });
    } finally {
      lock.writeLock().unlock();
    }
  }
}
