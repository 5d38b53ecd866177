package dev.sightline.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.sightline.storage.Capability;
import dev.sightline.storage.LogCounter;
import dev.sightline.storage.LogRecordReader;
import dev.sightline.storage.MetricReader;
import dev.sightline.storage.Storage;
import dev.sightline.storage.SpanStatistics;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.StorageWriter;
import dev.sightline.storage.TraceReader;
import dev.sightline.storage.breaker.CircuitBreaker;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage on a ClickHouse server, reached over its HTTP interface. Opening creates the database
 * and its tables when missing, with the features the server's version has, and deletes what an
 * interrupted batch left above the checkpoint.
 */
public final class ClickHouseStorage implements Storage {
  private static final Logger log = LoggerFactory.getLogger(ClickHouseStorage.class);
  private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.TRACES,
      Capability.LOGS, Capability.METRICS, Capability.IDEMPOTENT_REPLAY, Capability.REGEX_MATCHERS,
      Capability.LOG_COUNTS, Capability.SPAN_STATISTICS));
  private final ClickHouseHttp http;
  private final ServerVersion version;
  private final PartitionSources sources;
  private final ClickHouseWriter writer;
  private final ClickHouseTraceReader traces;
  private final ClickHouseLogReader logs;
  private final ClickHouseMetricReader metrics;
  private final ClickHouseLogCounter logCounter;
  private final ClickHouseSpanStatistics spanStatistics;

  private ClickHouseStorage(ClickHouseConfig config, Clock clock, ClickHouseHttp server) {
    this.http = server;
    String versionText = server.strings("asking ClickHouse for its version", "SELECT version()").get(0);
    this.version = ServerVersion.parse(versionText);
    server.execute("creating database " + config.database(), "CREATE DATABASE IF NOT EXISTS " + config.database());
    ClickHouseHttp db = server.in(config.database());
    for (String ddl : new Schema(version, config.retentionDays()).statements()) {
      db.execute("creating the tables of " + config.database(), ddl);
    }
    @Nullable PartitionRetention retention = null;
    if (!version.modern()) {
      log.info("ClickHouse {} at {} has no column codecs, TTL or skipping indexes: tables use "
          + "default compression, and retention drops day partitions", versionText, config.url());
      if (config.retentionDays() > 0) {
        retention = new PartitionRetention(db, config.database(), Schema.SIGNAL_TABLES, config.retentionDays(), clock);
        retention.runIfDue();
      }
    }
    this.sources = new PartitionSources(db, config.database(), clock);
    this.writer = new ClickHouseWriter(db, config.database(), config.writer(), config.insertBatchRows(), retention,
        sources);
    this.traces = new ClickHouseTraceReader(db);
    this.logs = new ClickHouseLogReader(db);
    this.metrics = new ClickHouseMetricReader(db);
    this.logCounter = new ClickHouseLogCounter(db);
    this.spanStatistics = new ClickHouseSpanStatistics(db);
  }

  /**
   * Connects and prepares the database.
   *
   * @throws StorageException naming the URL when the server cannot be reached or refuses
   */
  public static ClickHouseStorage open(ClickHouseConfig config) {
    return open(config, Clock.systemUTC());
  }

  /** As {@link #open(ClickHouseConfig)}, with the clock that decides which days have expired. */
  public static ClickHouseStorage open(ClickHouseConfig config, Clock clock) {
    requireNonNull(config, "config");
    requireNonNull(clock, "clock");
    ClickHouseHttp server = new ClickHouseHttp(config, "default", clock);
    try {
      return new ClickHouseStorage(config, clock, server);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * Makes this store one of several workers' behind a partitioned ingest log: the writer records
   * where entries were read and drops those of partitions the worker no longer owns; {@link #claims()}
   * is what the worker calls when it takes a partition over.
   */
  public void partitioned(dev.sightline.storage.LogPartitions partitions) {
    writer.partitioned(partitions);
  }

  /** Entries not stored because their partition had passed to another worker, since start. */
  public long droppedEntries() {
    return writer.droppedEntries();
  }

  /** Deletes what any writer stored of a partition beyond the offset its new owner reads from. */
  public dev.sightline.storage.PartitionClaims claims() {
    return sources;
  }

  /** Whether the server answers now (asked at most every 2 s when nothing else was sent; see the breaker too). */
  public boolean reachable() {
    return http.reachable();
  }

  /** The circuit breaker around the server: open while it cannot be reached. */
  public CircuitBreaker breaker() {
    return http.breaker();
  }

  /** The server's major.minor version, which decided the table features. */
  public String serverVersion() {
    return version.toString();
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public StorageWriter writer() {
    return writer;
  }

  @Override
  public TraceReader traces() {
    return traces;
  }

  @Override
  public LogRecordReader logs() {
    return logs;
  }

  @Override
  public MetricReader metrics() {
    return metrics;
  }

  @Override
  public Optional<LogCounter> logCounter() {
    return Optional.of(logCounter);
  }

  @Override
  public Optional<SpanStatistics> spanStatistics() {
    return Optional.of(spanStatistics);
  }

  /** Closes the HTTP connections; every batch was sent when it was written. */
  @Override
  public void close() {
    http.close();
  }
}
