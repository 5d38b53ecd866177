package dev.sightline.storage.clickhouse;

import dev.sightline.storage.StorageException;
import dev.sightline.storage.StorageWriter;
import dev.sightline.storage.WriteBatch;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch as a few RowBinary inserts per table, then a checkpoint row. Rows above the
 * checkpoint are the remains of a batch that failed or was cut short by a crash: they are deleted
 * (an {@code ALTER TABLE … DELETE} mutation, awaited) before the next batch and on opening, so a
 * replay shows nothing twice. Several writers (one per ingest log: a pipeline worker each) may
 * share a database under different names; each keeps its own checkpoint and deletes only its rows.
 */
final class ClickHouseWriter implements StorageWriter {
  private static final Logger log = LoggerFactory.getLogger(ClickHouseWriter.class);
  private static final Duration MUTATION_WAIT = Duration.ofMinutes(5);
  private final ClickHouseHttp http;
  private final String database;
  private final int batchRows;
  private final String name;
  private final SpanRows spans;
  private final LogRows logs;
  private final PointRows points;
  private final @Nullable PartitionRetention retention;
  private long checkpoint;
  private long replayFrom;

  ClickHouseWriter(ClickHouseHttp http, String database, String name, int batchRows,
      @Nullable PartitionRetention retention) {
    this.http = http;
    this.name = name;
    this.spans = new SpanRows(name);
    this.logs = new LogRows(name);
    this.points = new PointRows(name);
    this.database = database;
    this.batchRows = batchRows;
    this.retention = retention;
    RowBinaryInput in = http.query("reading the checkpoint",
        "SELECT position, replay_from FROM checkpoint WHERE writer = " + Sql.text(name)
            + " ORDER BY position DESC LIMIT 1");
    if (in.hasMore()) {
      checkpoint = in.int64();
      replayFrom = in.int64();
    } else {
      checkpoint = 0;
      replayFrom = 1;
    }
    removeAbove(checkpoint);
  }

  @Override
  public synchronized void write(WriteBatch batch) {
    batch.requireBeyond(checkpoint);
    try {
      for (WriteBatch.Entry e : batch.entries()) {
        switch (e.data()) {
          case WriteBatch.Traces t -> spans.append(e.tenant(), e.sequence(), t.resourceSpans());
          case WriteBatch.Logs l -> logs.append(e.tenant(), e.sequence(), l.resourceLogs());
          case WriteBatch.Metrics m -> points.append(e.tenant(), e.sequence(), m.resourceMetrics());
        }
        flushFull();
      }
      spans.flush(http);
      logs.flush(http);
      points.flush(http);
      RowBinaryOutput row = new RowBinaryOutput();
      row.string(name);
      row.int64(batch.position());
      row.int64(batch.replayFrom());
      row.endRow();
      http.insert("checkpoint", "writer, position, replay_from", row.toByteArray());
      checkpoint = batch.position();
      replayFrom = batch.replayFrom();
      if (retention != null) {
        retention.runIfDue();
      }
    } catch (RuntimeException e) {
      spans.clear();
      logs.clear();
      points.clear();
      log.warn("a batch failed; deleting its stored rows above checkpoint {}", checkpoint, e);
      try {
        removeAbove(checkpoint);
      } catch (StorageException removal) {
        e.addSuppressed(removal);
      }
      throw new StorageException("storing entries up to " + batch.position() + " failed: " + e.getMessage(), e);
    }
  }

  /** Sends a table's rows once they reach the insert size, so a large batch is several inserts. */
  private void flushFull() {
    if (spans.rows() >= batchRows) {
      spans.flush(http);
    }
    if (logs.rows() >= batchRows) {
      logs.flush(http);
    }
    if (points.rows() >= batchRows) {
      points.flush(http);
    }
  }

  private void removeAbove(long position) {
    for (String table : Schema.SIGNAL_TABLES) {
      RowBinaryInput in = http.query("counting rows of " + table + " above the checkpoint",
          "SELECT count() FROM " + table + " WHERE " + mine(position));
      long above = in.int64();
      if (above == 0) {
        continue;
      }
      log.info("deleting {} rows of {} above checkpoint {}, left by an interrupted batch", above, table, position);
      http.execute("deleting rows of " + table + " above the checkpoint",
          "ALTER TABLE " + table + " DELETE WHERE " + mine(position));
      awaitMutations(table);
    }
  }

  /** This writer's rows above {@code position}: other writers' rows are theirs to delete. */
  private String mine(long position) {
    return "writer = " + Sql.text(name) + " AND seq > " + position;
  }

  /** Mutations run in the background on every server version; 18.16 cannot be asked to wait. */
  private void awaitMutations(String table) {
    long deadline = System.nanoTime() + MUTATION_WAIT.toNanos();
    while (true) {
      RowBinaryInput in = http.query("waiting for the deletion in " + table,
          "SELECT count() FROM system.mutations WHERE database = " + Sql.text(database)
              + " AND table = " + Sql.text(table) + " AND is_done = 0");
      if (in.int64() == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StorageException("deleting the rows of an interrupted batch from " + table
            + " did not finish within " + MUTATION_WAIT);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted while deleting the rows of an interrupted batch", e);
      }
    }
  }

  @Override
  public synchronized long checkpoint() {
    return checkpoint;
  }

  @Override
  public synchronized long replayFrom() {
    return replayFrom;
  }
}
