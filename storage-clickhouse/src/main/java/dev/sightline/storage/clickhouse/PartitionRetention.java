package dev.sightline.storage.clickhouse;

import dev.sightline.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention on servers without TTL (before 20.1): drops the day partitions whose newest day is
 * older than the retention, as TTL would delete their rows, at most once an hour. A failure is
 * logged and tried again at the next run; it never fails a write.
 */
final class PartitionRetention {
  private static final Logger log = LoggerFactory.getLogger(PartitionRetention.class);
  private static final Duration EVERY = Duration.ofHours(1);
  private final ClickHouseHttp http;
  private final String database;
  private final java.util.List<String> tables;
  private final int days;
  private final Clock clock;
  private Instant lastRun = Instant.MIN;

  PartitionRetention(ClickHouseHttp http, String database, java.util.List<String> tables, int days, Clock clock) {
    this.http = http;
    this.database = database;
    this.tables = java.util.List.copyOf(tables);
    this.days = days;
    this.clock = clock;
  }

  synchronized void runIfDue() {
    Instant now = clock.instant();
    if (lastRun.plus(EVERY).isAfter(now)) {
      return;
    }
    lastRun = now;
    String cutoff = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days).toString();
    for (String table : tables) {
      try {
        for (String partition : http.strings("finding expired partitions of " + table,
            "SELECT DISTINCT partition FROM system.parts WHERE active AND database = " + Sql.text(database)
                + " AND table = " + Sql.text(table) + " AND max_date < " + Sql.text(cutoff))) {
          http.execute("dropping partition " + partition + " of " + table,
              "ALTER TABLE " + table + " DROP PARTITION " + Sql.text(partition));
          log.info("dropped day {} of {}: older than the retention of {} days", partition, table, days);
        }
      } catch (StorageException e) {
        log.warn("retention of {} failed; trying again in {}", table, EVERY, e);
      }
    }
  }
}
