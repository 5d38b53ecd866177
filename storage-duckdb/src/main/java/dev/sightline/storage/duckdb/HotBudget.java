package dev.sightline.storage.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * The hot store's disk budget, measured in used database blocks: from 80% of it the lifecycle moves
 * data early, and at 100% the writer refuses batches (they wait in the ingest log, whose backlog
 * limit then refuses clients) until moves have made room.
 */
final class HotBudget {
  static final double EARLY = 0.8;
  private final long budgetBytes;
  private final @Nullable Path wal;
  private volatile long usedBytes;
  private volatile long checkedAtNanos;

  /** {@code wal}: the database's write-ahead log, which holds what is written until a checkpoint. */
  HotBudget(long budgetBytes, @Nullable Path wal) {
    this.budgetBytes = budgetBytes;
    this.wal = wal;
  }

  /** Bytes in use: the database's used blocks and its write-ahead log. */
  long used(Connection c) throws SQLException {
    long walBytes = 0;
    try {
      walBytes = wal != null && Files.exists(wal) ? Files.size(wal) : 0;
    } catch (IOException e) {
      // the log was checkpointed away meanwhile
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT used_blocks * block_size FROM pragma_database_size() "
            + "WHERE database_name = current_database()")) {
      return (rs.next() ? rs.getLong(1) : 0L) + walBytes;
    }
  }

  long budget() {
    return budgetBytes;
  }

  long lastUsed() {
    return usedBytes;
  }

  void update(long used) {
    usedBytes = used;
    checkedAtNanos = System.nanoTime();
  }

  boolean pressed(long used) {
    update(used);
    return budgetBytes > 0 && used >= budgetBytes * EARLY;
  }

  /**
   * Whether a write must wait: the budget is used up. Measures again at most every 200 ms on the
   * writer's connection, so that a full store is noticed between lifecycle passes.
   */
  boolean full(Connection c) throws SQLException {
    if (budgetBytes <= 0) {
      return false;
    }
    if (System.nanoTime() - checkedAtNanos > 200_000_000L) {
      update(used(c));
    }
    return usedBytes >= budgetBytes;
  }
}
