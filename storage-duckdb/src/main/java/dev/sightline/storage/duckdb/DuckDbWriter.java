package dev.sightline.storage.duckdb;

import dev.sightline.storage.StorageException;
import dev.sightline.storage.StorageFullException;
import dev.sightline.storage.StorageWriter;
import dev.sightline.storage.WriteBatch;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends batches through DuckDB appenders, then records the checkpoint. A failed batch has its
 * partly committed rows removed, so the caller can retry it without duplicates.
 */
final class DuckDbWriter implements StorageWriter, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DuckDbWriter.class);
  private final DuckDBConnection connection;
  private final SampleStore samples;
  private long checkpoint;
  private long replayFrom;
  private @Nullable Appenders appenders;
  private @Nullable Thread appendersOwner;
  private HotBudget budget = new HotBudget(0, null);

  /** The per-table appenders; rebuilt after a failure because an appender cannot be reused then. */
  private record Appenders(Origins origins, SpanRows spans, LogRows logs, PointRows points,
      SampleRows samples) {
    static Appenders open(DuckDBConnection c) throws SQLException {
      Origins origins = new Origins(c);
      return new Appenders(origins, new SpanRows(c, origins), new LogRows(c, origins),
          new PointRows(c, origins), new SampleRows(c));
    }

    void close() {
      try {
        spans.close();
        logs.close();
        points.close();
        samples.close();
        origins.close();
      } catch (SQLException | RuntimeException e) {
        log.debug("closing appenders after a failure", e);
      }
    }
  }

  DuckDbWriter(DuckDBConnection connection, SampleStore samples) throws SQLException {
    this.connection = connection;
    this.samples = samples;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(position), max(replay_from) FROM checkpoint")) {
      rs.next();
      checkpoint = rs.getLong(1);
      boolean fresh = rs.wasNull();
      replayFrom = rs.getLong(2);
      if (rs.wasNull()) {
        replayFrom = checkpoint + 1;
      }
      if (fresh) {
        s.execute("INSERT INTO checkpoint VALUES (0, 1)");
        checkpoint = 0;
        replayFrom = 1;
      }
    }
    removeAbove(checkpoint);
    samples.index.load(connection);
    samples.metadata.load(connection);
  }

  /** DuckDB appenders belong to the thread that made them, so they are made by the writing thread. */
  private Appenders appenders() throws SQLException {
    if (appenders == null || appendersOwner != Thread.currentThread()) {
      if (appenders != null) {
        appenders.close();
      }
      appenders = Appenders.open(connection);
      appendersOwner = Thread.currentThread();
    }
    return appenders;
  }

  @Override
  public synchronized void write(WriteBatch batch) {
    batch.requireBeyond(checkpoint);
    try {
      if (budget.full(connection)) {
        throw new StorageFullException("the hot store has used its disk budget of " + budget.budget()
            + " bytes (" + budget.lastUsed() + " used); older data is moving to the warm tier");
      }
    } catch (SQLException e) {
      throw new StorageException("measuring the hot store failed: " + e.getMessage(), e);
    }
    try {
      Appenders a = appenders();
      SampleBatch sampleBatch = new SampleBatch();
      for (WriteBatch.Entry entry : batch.entries()) {
        append(a, entry);
        if (entry.data() instanceof WriteBatch.Metrics m) {
          sampleBatch.entry(entry.tenant(), entry.sequence());
          m.resourceMetrics().forEach(rm -> samples.mapping.map(rm, sampleBatch));
        }
      }
      SampleRows.Appended appended = a.samples().append(sampleBatch, samples);
      samples.metadata.update(connection, sampleBatch.metadata());
      ExemplarStore.write(connection, sampleBatch.exemplars());
      a.origins().flush();
      a.spans().flush();
      a.logs().flush();
      a.points().flush();
      a.samples().flush();
      try (PreparedStatement ps = connection.prepareStatement("UPDATE checkpoint SET position = ?, replay_from = ?")) {
        ps.setLong(1, batch.position());
        ps.setLong(2, batch.replayFrom());
        ps.executeUpdate();
      }
      checkpoint = batch.position();
      replayFrom = batch.replayFrom();
      samples.mapping.commit();
      samples.counters.add(SampleCounters.ACCEPTED, appended.accepted());
      samples.counters.add(SampleCounters.OUT_OF_WINDOW, appended.rejected());
      samples.counters.set(SampleCounters.DELTA_NOT_NEWER, samples.mapping.droppedDeltaSamples());
    } catch (SQLException | RuntimeException e) {
      recoverFrom(e);
      throw new StorageException("storing entries up to " + batch.position() + " failed: "
          + e.getMessage(), e);
    }
  }

  private static void append(Appenders a, WriteBatch.Entry e) throws SQLException {
    switch (e.data()) {
      case WriteBatch.Traces t -> a.spans().append(e.tenant(), e.sequence(), t.resourceSpans());
      case WriteBatch.Logs l -> a.logs().append(e.tenant(), e.sequence(), l.resourceLogs());
      case WriteBatch.Metrics m -> a.points().append(e.tenant(), e.sequence(), PrometheusOrigin.withoutPrometheusScopes(m.resourceMetrics()));
    }
  }

  private void recoverFrom(Exception cause) {
    log.warn("a batch failed; removing its partly stored rows above checkpoint {}", checkpoint, cause);
    if (appenders != null) {
      appenders.close();
      appenders = null;
    }
    samples.mapping.rollback();
    try {
      removeAbove(checkpoint);
      samples.index.load(connection);
    } catch (SQLException e) {
      throw new StorageException("cannot recover the store after a failed batch: " + e.getMessage(), e);
    }
  }

  /** Removes rows of entries above the checkpoint: the remains of an interrupted batch. */
  private void removeAbove(long position) throws SQLException {
    try (Statement s = connection.createStatement()) {
      int removed = s.executeUpdate("DELETE FROM spans WHERE seq > " + position)
          + s.executeUpdate("DELETE FROM points WHERE seq > " + position)
          + s.executeUpdate("DELETE FROM chunks WHERE seq > " + position)
          + s.executeUpdate("DELETE FROM exemplars WHERE seq > " + position)
          + s.executeUpdate("DELETE FROM series WHERE seq > " + position)
          + s.executeUpdate("DELETE FROM logs WHERE log_id >= "
              + ((position + 1) << Schema.LOG_INDEX_BITS));
      if (removed > 0) {
        log.info("removed {} rows of an interrupted batch above checkpoint {}", removed, position);
      }
    }
  }

  /** Sets the disk budget writes are checked against. */
  synchronized void budget(HotBudget b) {
    this.budget = b;
  }

  /** Writes the database file so that space freed by deletes is counted free; a failure is only logged. */
  synchronized void checkpointFile() {
    if (appenders != null) {
      appenders.close();
      appenders = null;
    }
    try (Statement s = connection.createStatement()) {
      s.execute("CHECKPOINT");
    } catch (SQLException e) {
      log.debug("a checkpoint after moving data out did not run: {}", e.getMessage());
    }
  }

  @Override
  public synchronized long checkpoint() {
    return checkpoint;
  }

  /**
   * Runs {@code work} in one transaction on the writer's connection while no batch is written,
   * then has the next batch reopen its appenders, so that they see what {@code work} added.
   */
  synchronized <T> T exclusive(String what, ConnectionPool.Work<T> work) {
    if (appenders != null) {
      appenders.close();
      appenders = null;
    }
    try {
      connection.setAutoCommit(false);
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw new StorageException(what + " failed: " + e.getMessage(), e);
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        log.warn("cannot return the writer's connection to autocommit", e);
      }
    }
  }

  @Override
  public synchronized long replayFrom() {
    return replayFrom;
  }

  @Override
  public synchronized void close() {
    if (appenders != null) {
      appenders.close();
      appenders = null;
    }
  }
}
