package dev.sightline.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.sightline.storage.breaker.CircuitBreaker;
import java.net.URI;
import java.time.Duration;

/**
 * Where the ClickHouse server is and how to use it.
 *
 * @param url the HTTP interface, e.g. {@code http://127.0.0.1:8123}
 * @param database created when missing, with its tables
 * @param insertBatchRows rows per INSERT at most; a larger write batch is sent in several
 * @param retentionDays days of data kept: by TTL from ClickHouse 20.1, by dropping day partitions
 *     before; 0 keeps everything
 * @param writer the name this process's writer stores its checkpoint and rows under; writers
 *     sharing a database (one per ingest log) need different names
 * @param breaker when the circuit breaker around the server opens (failures in a row) and how
 *     long it stays open: while open, requests fail at once instead of waiting for a timeout
 */
public record ClickHouseConfig(
    URI url,
    String database,
    String user,
    String password,
    int insertBatchRows,
    Duration connectTimeout,
    Duration queryTimeout,
    int retentionDays,
    String writer,
    CircuitBreaker.Settings breaker) {

  public ClickHouseConfig {
    requireNonNull(url, "url");
    requireNonNull(database, "database");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(queryTimeout, "queryTimeout");
    requireNonNull(writer, "writer");
    requireNonNull(breaker, "breaker");
    if (writer.isEmpty()) {
      throw new IllegalArgumentException("clickhouse writer name is empty");
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("clickhouse url '" + url + "' must start with http:// or https://");
    }
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("clickhouse database '" + database
          + "' must be letters, digits and underscores, not starting with a digit");
    }
    if (insertBatchRows < 1) {
      throw new IllegalArgumentException("clickhouse insert batch size must be at least 1, was " + insertBatchRows);
    }
    if (retentionDays < 0) {
      throw new IllegalArgumentException("clickhouse retention days must be 0 (keep) or more, was " + retentionDays);
    }
  }

  /** Leaves the password out, so that logging the configuration does not reveal it. */
  @Override
  public String toString() {
    return "ClickHouseConfig[url=" + url + ", database=" + database + ", user=" + user + ", password="
        + (password.isEmpty() ? "none" : "set") + ", insertBatchRows=" + insertBatchRows + ", connectTimeout="
        + connectTimeout + ", queryTimeout=" + queryTimeout + ", retentionDays=" + retentionDays + ", writer=" + writer
        + ", breaker=" + breaker + "]";
  }

  /** Defaults for a server at {@code url}: user {@code default}, no password, 100,000 rows per insert. */
  public static ClickHouseConfig of(URI url, String database) {
    return new ClickHouseConfig(url, database, "default", "", 100_000, Duration.ofSeconds(5),
        Duration.ofSeconds(60), 0, "default", CircuitBreaker.Settings.DEFAULT);
  }

  public ClickHouseConfig withInsertBatchRows(int rows) {
    return new ClickHouseConfig(url, database, user, password, rows, connectTimeout, queryTimeout, retentionDays, writer, breaker);
  }

  public ClickHouseConfig withRetentionDays(int days) {
    return new ClickHouseConfig(url, database, user, password, insertBatchRows, connectTimeout, queryTimeout, days, writer, breaker);
  }

  public ClickHouseConfig withWriter(String name) {
    return new ClickHouseConfig(url, database, user, password, insertBatchRows, connectTimeout, queryTimeout, retentionDays, name, breaker);
  }

  public ClickHouseConfig withBreaker(CircuitBreaker.Settings settings) {
    return new ClickHouseConfig(url, database, user, password, insertBatchRows, connectTimeout, queryTimeout, retentionDays,
        writer, settings);
  }
}
