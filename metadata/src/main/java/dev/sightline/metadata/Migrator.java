package dev.sightline.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema to this build's migrations: each one not applied yet runs in a
 * transaction of its own, which also records it in {@code schema_migrations}; one already applied
 * must still have the checksum it had then. Nodes starting together against PostgreSQL take turns
 * on an advisory lock, so each migration runs once.
 */
final class Migrator {
  private static final Logger log = LoggerFactory.getLogger(Migrator.class);
  private static final String TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      + "name VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at VARCHAR(40) NOT NULL)";

  private Migrator() {}

  /** @return every migration the database has applied, after this run */
  static List<AppliedMigration> migrate(Database db, List<Migration> migrations, Clock clock) {
    try {
      return db.migrating(c -> {
        try (Statement s = c.createStatement()) {
          s.execute(TABLE);
        }
        Map<Integer, AppliedMigration> applied = applied(c);
        for (Migration m : migrations) {
          AppliedMigration done = applied.get(m.version());
          if (done == null) {
            long started = System.nanoTime();
            apply(db, c, m, clock.instant());
            log.info("metadata migration {} applied to {} in {} ms", m.file(), db.description(),
                (System.nanoTime() - started) / 1_000_000);
          } else if (!done.checksum().equals(m.checksum())) {
            throw new MigrationException("metadata migration " + m.file() + " was changed after " + db.description()
                + " applied it on " + done.appliedAt() + " (checksum " + done.checksum() + " then, " + m.checksum()
                + " now): put the file back as it was and make the change a new migration");
          }
        }
        int known = migrations.isEmpty() ? 0 : migrations.getLast().version();
        applied.values().stream().filter(a -> a.version() > known).forEach(a -> log.warn(
            "{} has metadata migration {} applied, newer than this build knows (up to V{}): a newer Sightline shares it",
            db.description(), a.file(), known));
        return List.copyOf(applied(c).values());
      });
    } catch (SQLException e) {
      throw db.unavailable("apply its migrations", e);
    }
  }

  private static void apply(Database db, Connection c, Migration m, Instant now) throws SQLException {
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        for (String sql : m.statements()) {
          s.execute(sql);
        }
      }
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
        p.setInt(1, m.version());
        p.setString(2, m.file());
        p.setString(3, m.checksum());
        p.setString(4, now.toString());
        p.executeUpdate();
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw new MigrationException("metadata migration " + m.file() + " failed on " + db.description()
          + " and was rolled back: " + e.getMessage(), e);
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static Map<Integer, AppliedMigration> applied(Connection c) throws SQLException {
    Map<Integer, AppliedMigration> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version")) {
      while (r.next()) {
        out.put(r.getInt(1), new AppliedMigration(r.getInt(1), r.getString(2), r.getString(3), Instant.parse(r.getString(4))));
      }
    }
    return out;
  }

  static List<AppliedMigration> list(Database db) {
    return db.read("list its migrations", Migrator::applied).values().stream().toList();
  }
}
