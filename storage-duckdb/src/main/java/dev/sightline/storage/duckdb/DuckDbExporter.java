package dev.sightline.storage.duckdb;

import com.google.protobuf.Message;
import dev.sightline.storage.DataExporter;
import dev.sightline.storage.Scoped;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.StoredSeries;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.tier.SignalType;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Export and import files of the embedded store, read over every tier. */
final class DuckDbExporter implements DataExporter {
  private final ConnectionPool pool;
  private final TierReads tiers;

  DuckDbExporter(ConnectionPool pool, TierReads tiers) {
    this.pool = pool;
    this.tiers = tiers;
  }

  @Override
  public long export(String tenant, SignalType signal, TimeRange range, int batchSize, Consumer<Message> batch) {
    ExportRows rows = ExportRows.of(signal);
    return tiers.read(rows.table, tenant, range.startNanos(), range.endNanos(), source -> pool.with(
        "exporting " + signal.label() + " of " + tenant, c -> decode(c, rows,
            rows.select(source, tenant, range.startNanos(), range.endNanos()), batchSize, batch)));
  }

  @Override
  public long exportParquet(String tenant, SignalType signal, TimeRange range, Path file) {
    ExportRows rows = ExportRows.of(signal);
    return tiers.read(rows.table, tenant, range.startNanos(), range.endNanos(), source -> pool.with(
        "exporting " + signal.label() + " of " + tenant + " as Parquet", c -> {
          try (Statement s = c.createStatement()) {
            s.execute("COPY (" + rows.select(source, tenant, range.startNanos(), range.endNanos()) + ") TO "
                + ParquetFiles.literal(file.toString()) + " (FORMAT PARQUET, COMPRESSION ZSTD)");
          }
          return TierLifecycle.count(c, "SELECT count(*) FROM read_parquet(" + ParquetFiles.literal(file.toString()) + ")");
        }));
  }

  @Override
  public long readParquet(SignalType signal, Path file, int batchSize, Consumer<Message> batch) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no file " + file);
    }
    ExportRows rows = ExportRows.of(signal);
    try {
      return pool.with("reading the export " + file.getFileName(), c -> decode(c, rows, rows.readBack(file.toString()),
          batchSize, batch));
    } catch (StorageException e) {
      throw new IllegalArgumentException("the file is not a Parquet export of " + signal.label() + " from Sightline: "
          + e.getMessage(), e);
    }
  }

  private static long decode(java.sql.Connection c, ExportRows rows, String sql, int batchSize, Consumer<Message> batch)
      throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return switch (rows) {
        case TRACES -> grouped(rs, rows.origin, batchSize, DuckDbTraceReader::span, DuckDbExporter::traces, batch);
        case LOGS -> grouped(rs, rows.origin, batchSize, DuckDbLogReader::record, DuckDbExporter::logs, batch);
        case METRICS -> metrics(rs, batchSize, batch);
      };
    }
  }

  /** Decodes the item of the current row. */
  private interface ItemColumns<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /**
   * Reads the rows into requests of at most {@code batchSize} items, the items of one resource and
   * scope together; {@code request} builds a request from them.
   */
  private static <T> long grouped(ResultSet rs, int origin, int batchSize, ItemColumns<T> item,
      Function<Map<Scoped, List<T>>, Message> request, Consumer<Message> batch) throws SQLException {
    OriginColumns origins = new OriginColumns();
    Map<Scoped, List<T>> pending = new LinkedHashMap<>();
    long total = 0;
    int n = 0;
    while (rs.next()) {
      pending.computeIfAbsent(origins.read(rs, origin), k -> new ArrayList<>()).add(item.read(rs));
      total++;
      if (++n == batchSize) {
        batch.accept(request.apply(pending));
        pending.clear();
        n = 0;
      }
    }
    if (n > 0) {
      batch.accept(request.apply(pending));
    }
    return total;
  }

  private static ExportTraceServiceRequest traces(Map<Scoped, List<Span>> pending) {
    ExportTraceServiceRequest.Builder r = ExportTraceServiceRequest.newBuilder();
    pending.forEach((o, spans) -> r.addResourceSpans(ResourceSpans.newBuilder().setResource(o.resource())
        .setSchemaUrl(o.resourceSchemaUrl()).addScopeSpans(ScopeSpans.newBuilder().setScope(o.scope())
            .setSchemaUrl(o.scopeSchemaUrl()).addAllSpans(spans))));
    return r.build();
  }

  private static ExportLogsServiceRequest logs(Map<Scoped, List<LogRecord>> pending) {
    ExportLogsServiceRequest.Builder r = ExportLogsServiceRequest.newBuilder();
    pending.forEach((o, records) -> r.addResourceLogs(ResourceLogs.newBuilder().setResource(o.resource())
        .setSchemaUrl(o.resourceSchemaUrl()).addScopeLogs(ScopeLogs.newBuilder().setScope(o.scope())
            .setSchemaUrl(o.scopeSchemaUrl()).addAllLogRecords(records))));
    return r.build();
  }

  /** Series by series: the assembler rebuilds each series' metric from its ordered point rows. */
  private static long metrics(ResultSet rs, int batchSize, Consumer<Message> batch) throws SQLException {
    List<StoredSeries> all = new SeriesAssembler(Integer.MAX_VALUE).read(rs);
    long total = 0;
    ExportMetricsServiceRequest.Builder r = ExportMetricsServiceRequest.newBuilder();
    int n = 0;
    for (StoredSeries s : all) {
      r.addResourceMetrics(ResourceMetrics.newBuilder().setResource(s.origin().resource())
          .setSchemaUrl(s.origin().resourceSchemaUrl()).addScopeMetrics(ScopeMetrics.newBuilder()
              .setScope(s.origin().scope()).setSchemaUrl(s.origin().scopeSchemaUrl()).addMetrics(s.metric())));
      int points = dev.sightline.otlp.MetricPoints.of(s.metric()).size();
      total += points;
      n += points;
      if (n >= batchSize) {
        batch.accept(r.build());
        r = ExportMetricsServiceRequest.newBuilder();
        n = 0;
      }
    }
    if (n > 0) {
      batch.accept(r.build());
    }
    return total;
  }
}
