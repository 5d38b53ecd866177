package dev.sightline.storage.clickhouse;

import dev.sightline.storage.StorageException;
import java.time.Duration;

/**
 * Deletions as {@code ALTER TABLE … DELETE} mutations, awaited: they run in the background on
 * every server version, and 18.16 cannot be asked to wait for them.
 */
final class Mutations {
  private static final Duration WAIT = Duration.ofMinutes(5);
  private final ClickHouseHttp http;
  private final String database;

  Mutations(ClickHouseHttp http, String database) {
    this.http = http;
    this.database = database;
  }

  /** Deletes the rows of {@code table} matching {@code where}; returns how many there were. */
  long delete(String table, String where, String why) {
    long rows = http.query("counting rows of " + table + " " + why, "SELECT count() FROM " + table + " WHERE " + where)
        .int64();
    if (rows == 0) {
      return 0;
    }
    http.execute("deleting rows of " + table + " " + why, "ALTER TABLE " + table + " DELETE WHERE " + where);
    await(table, why);
    return rows;
  }

  private void await(String table, String why) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      RowBinaryInput in = http.query("waiting for the deletion in " + table,
          "SELECT count() FROM system.mutations WHERE database = " + Sql.text(database)
              + " AND table = " + Sql.text(table) + " AND is_done = 0");
      if (in.int64() == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StorageException("deleting rows of " + table + " " + why + " did not finish within " + WAIT);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted while deleting rows of " + table + " " + why, e);
      }
    }
  }
}
