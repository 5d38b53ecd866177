package dev.sightline.storage.duckdb;

import dev.sightline.storage.Capability;
import dev.sightline.storage.LogRecordReader;
import dev.sightline.storage.MetricReader;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.Storage;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.StorageWriter;
import dev.sightline.storage.StoredDataRewriter;
import dev.sightline.storage.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * The embedded store: one DuckDB database file, {@code sightline.duckdb}, in a directory,
 * optionally encrypted by DuckDB ({@link StoreEncryption}).
 */
public final class DuckDbStorage implements Storage {
  private static final int READ_CONNECTIONS = 4;
  private final DuckDBConnection connection;
  private final DuckDbWriter writer;
  private final ConnectionPool readers;
  private final ExemplarStore exemplars;
  private final DuckDbTraceReader traces;
  private final DuckDbLogReader logs;
  private final DuckDbMetricReader metrics;
  private final DuckDbLogCounter logCounter;
  private final DuckDbSpanStatistics spanStatistics;
  private final DuckDbRewriter rewriter;
  private final SampleStore sampleStore;
  private final DuckDbSampleReader samples;
  private final ChunkCompactor compactor;
  private final RollupJob rollups;

  private final @Nullable DuckDbTiers tiers;
  private final DataDeletion deletion;
  private final DuckDbExporter exporter;
  private final @Nullable String crypto;
  private final boolean encrypted;

  private DuckDbStorage(DuckDBConnection connection, Path file, SampleStoreConfig sampleConfig, @Nullable String crypto,
      @Nullable TierConfig tierConfig, ParquetKey parquetKey) throws SQLException {
    this.connection = connection;
    this.crypto = crypto;
    this.encrypted = crypto != null;
    try (Statement s = connection.createStatement()) {
      for (String ddl : Schema.TABLES) {
        s.execute(ddl);
      }
      for (String ddl : TierCatalog.TABLES) {
        s.execute(ddl);
      }
    }
    this.sampleStore = new SampleStore(sampleConfig);
    this.writer = new DuckDbWriter(connection, sampleStore);
    this.readers = new ConnectionPool(connection, READ_CONNECTIONS, encrypted);
    this.compactor = new ChunkCompactor(writer, sampleStore);
    this.rollups = new RollupJob(writer, sampleStore);
    TierReads reads = TierReads.HOT_ONLY;
    if (tierConfig != null) {
      TierCatalog catalog = new TierCatalog(readers);
      ObjectCache cache = new ObjectCache(tierConfig.directory().resolve("cache"), tierConfig.objects(),
          tierConfig.cacheBytes(), tierConfig.clock());
      reads = new TierReads(catalog, tierConfig, cache, parquetKey);
      HotBudget budget = new HotBudget(tierConfig.hotBudgetBytes(), file.resolveSibling(file.getFileName() + ".wal"));
      writer.budget(budget);
      TierLifecycle lifecycle = new TierLifecycle(writer, readers, catalog, tierConfig, cache, budget,
          sampleConfig.rollupInterval().isZero() ? null : rollups::runUntil, parquetKey);
      this.tiers = new DuckDbTiers(catalog, reads, lifecycle, lifecycle.moves());
      this.deletion = new DataDeletion(writer, catalog, lifecycle,
          new TierRewrite(readers, catalog, tierConfig, cache, parquetKey, lifecycle.moves()));
    } else {
      this.tiers = null;
      this.deletion = new DataDeletion(writer, null, null, null);
    }
    this.exporter = new DuckDbExporter(readers, reads);
    this.traces = new DuckDbTraceReader(readers, reads);
    this.logs = new DuckDbLogReader(readers, reads);
    this.metrics = new DuckDbMetricReader(readers, reads);
    this.logCounter = new DuckDbLogCounter(readers, reads);
    this.spanStatistics = new DuckDbSpanStatistics(readers, reads);
    this.exemplars = new ExemplarStore(readers);
    this.rewriter = new DuckDbRewriter(readers, writer);
    this.samples = new DuckDbSampleReader(readers, sampleStore.index, reads);
    compactor.start();
    rollups.start();
    if (tiers != null) {
      tiers.lifecycle().start();
    }
  }

  /**
   * Opens (or creates) the store in {@code directory}.
   *
   * @param memoryLimit DuckDB's memory limit, for example {@code "2GB"}
   */
  public static DuckDbStorage open(Path directory, String memoryLimit) {
    return open(directory, memoryLimit, SampleStoreConfig.DEFAULT);
  }

  /**
   * Opens (or creates) the store in {@code directory}, keeping Prometheus samples as
   * {@code samples} says (out-of-order window, compaction, rollups).
   */
  public static DuckDbStorage open(Path directory, String memoryLimit, SampleStoreConfig samples) {
    return open(directory, memoryLimit, samples, null);
  }

  /**
   * Opens (or creates) the store in {@code directory}, its file encrypted as {@code encryption}
   * says, or plain when it is null. A plain file is not opened encrypted nor the other way round:
   * either fails with a message that says which it is.
   */
  public static DuckDbStorage open(Path directory, String memoryLimit, SampleStoreConfig samples,
      @Nullable StoreEncryption encryption) {
    return open(directory, memoryLimit, samples, encryption, null);
  }

  /**
   * Opens (or creates) the store as above, moving data through the warm, cold and archive tiers as
   * {@code tiers} says; without it, data stays in the hot tables.
   */
  public static DuckDbStorage open(Path directory, String memoryLimit, SampleStoreConfig samples,
      @Nullable StoreEncryption encryption, @Nullable TierConfig tiers) {
    Path file = directory.resolve("sightline.duckdb").toAbsolutePath();
    try {
      Files.createDirectories(directory);
      Properties props = new Properties();
      props.setProperty("memory_limit", memoryLimit);
      props.setProperty("autoinstall_known_extensions", "false");
      props.setProperty("autoload_known_extensions", "true");
      DuckDBConnection c;
      String crypto = null;
      ParquetKey parquetKey = ParquetKey.NONE;
      if (encryption == null) {
        try {
          c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, props);
        } catch (SQLException e) {
          String encrypted = EncryptedDatabase.openFailure(file, e.getMessage());
          if (encrypted != null) {
            throw new StorageException(encrypted, e);
          }
          throw e;
        }
      } else {
        EncryptedDatabase.Opened opened = EncryptedDatabase.open(file, props, encryption);
        c = opened.connection();
        crypto = opened.crypto();
        parquetKey = ParquetKey.register(c, encryption);
      }
      return new DuckDbStorage(c, file, samples, crypto, tiers, parquetKey);
    } catch (IOException | SQLException e) {
      throw new StorageException("cannot open the embedded store in " + directory + ": "
          + e.getMessage(), e);
    }
  }

  /** Whether the store's file is encrypted. */
  public boolean encrypted() {
    return encrypted;
  }

  /** The crypto module DuckDB encrypts the file with: {@code openssl (httpfs)}, {@code built-in mbedTLS (unsafe)} or {@code none}. */
  public String crypto() {
    return crypto == null ? "none" : crypto;
  }

  @Override
  public Set<Capability> capabilities() {
    EnumSet<Capability> all = EnumSet.of(Capability.TRACES, Capability.LOGS, Capability.METRICS,
        Capability.IDEMPOTENT_REPLAY, Capability.REGEX_MATCHERS, Capability.REWRITE,
        Capability.SAMPLES, Capability.LOG_COUNTS, Capability.SPAN_STATISTICS, Capability.DELETE,
        Capability.EXPORT);
    if (tiers != null) {
      all.add(Capability.TIERS);
    }
    return all;
  }

  @Override
  public java.util.Optional<dev.sightline.storage.DataExporter> exporter() {
    return java.util.Optional.of(exporter);
  }

  @Override
  public java.util.Optional<dev.sightline.storage.DataDeleter> deleter() {
    return java.util.Optional.of(deletion);
  }

  @Override
  public java.util.Optional<dev.sightline.storage.tier.Tiers> tiers() {
    return java.util.Optional.ofNullable(tiers);
  }

  /**
   * The tier lifecycle's counters since start ({@code files_moved}, {@code rows_moved},
   * {@code files_deleted}, {@code failures}), what is due ({@code backlog}) and the hot store's
   * used bytes and budget ({@code hot_used_bytes}, {@code hot_budget_bytes}); empty without tiers.
   */
  public Map<String, Long> tierCounts() {
    if (tiers == null) {
      return Map.of();
    }
    TierLifecycle l = tiers.lifecycle();
    return Map.of("files_moved", l.filesMoved.get(), "rows_moved", l.rowsMoved.get(),
        "files_deleted", l.filesDeleted.get(), "failures", l.failures.get(), "backlog", l.backlog.get(),
        "hot_used_bytes", l.budget().lastUsed(), "hot_budget_bytes", l.budget().budget());
  }

  @Override
  public java.util.Optional<SampleReader> samples() {
    return java.util.Optional.of(samples);
  }

  @Override
  public java.util.Optional<dev.sightline.storage.LogCounter> logCounter() {
    return java.util.Optional.of(logCounter);
  }

  @Override
  public java.util.Optional<dev.sightline.storage.SpanStatistics> spanStatistics() {
    return java.util.Optional.of(spanStatistics);
  }

  @Override
  public java.util.Optional<dev.sightline.storage.ExemplarReader> exemplars() {
    return java.util.Optional.of(exemplars);
  }

  @Override
  public java.util.Optional<dev.sightline.storage.MetricMetadataReader> metricMetadata() {
    return java.util.Optional.of(sampleStore.metadata);
  }

  /**
   * Samples stored ({@code accepted}), left out by reason ({@code rejected_out_of_order_window},
   * {@code rejected_delta_not_newer}) and chunks merged by the compactor, since start.
   */
  public Map<String, Long> sampleCounts() {
    return sampleStore.counters.snapshot();
  }

  /** Runs {@code work} on a read connection; for tests. */
  <T> T readersForTest(ConnectionPool.Work<T> work) {
    return readers.with("a test query", work);
  }

  /** Merges chunks until no series has {@code minChunks} chunks as written; for tests and benchmarks. */
  int compactSamples(int minChunks) {
    int total = 0;
    for (int merged = compactor.compactOnce(minChunks); merged > 0; merged = compactor.compactOnce(minChunks)) {
      total += merged;
    }
    return total;
  }

  /** Computes every rollup window that can be computed now; for tests and benchmarks. */
  long computeRollups() {
    return rollups.runUntilCaughtUp();
  }

  @Override
  public java.util.Optional<StoredDataRewriter> rewriter() {
    return java.util.Optional.of(rewriter);
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

  /** Bytes of the database file, for self-metrics and benchmarks. */
  public long databaseBytes() {
    return readers.with("reading the database size", c -> {
      try (Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT total_blocks * block_size FROM pragma_database_size() WHERE database_name = current_database()")) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  @Override
  public void close() {
    if (tiers != null) {
      tiers.lifecycle().close();
    }
    rollups.close();
    compactor.close();
    writer.close();
    readers.close();
    try (Statement s = connection.createStatement()) {
      s.execute("CHECKPOINT");
    } catch (SQLException e) {
      // the WAL still holds everything; the next open replays it
    }
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StorageException("closing the embedded store failed: " + e.getMessage(), e);
    }
  }
}
