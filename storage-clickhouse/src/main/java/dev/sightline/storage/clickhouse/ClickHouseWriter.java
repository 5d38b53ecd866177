package dev.sightline.storage.clickhouse;

import dev.sightline.storage.StorageException;
import dev.sightline.storage.StorageWriter;
import dev.sightline.storage.WriteBatch;
import com.google.protobuf.ByteString;
import dev.sightline.storage.LogPartitions;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch as a few RowBinary inserts per table, then a checkpoint row. Rows above the
 * checkpoint are the remains of a batch that failed or was cut short by a crash: they are deleted
 * (an {@code ALTER TABLE … DELETE} mutation, awaited) before the next batch and on opening, so a
 * replay shows nothing twice. Several writers (one per ingest log: a pipeline worker each) may
 * share a database under different names; each keeps its own checkpoint and deletes only its rows.
 * Behind a partitioned log (Kafka workers) the writer also records where each entry was read
 * ({@link PartitionSources}) and drops the entries of partitions its worker no longer owns.
 */
final class ClickHouseWriter implements StorageWriter {
  private static final Logger log = LoggerFactory.getLogger(ClickHouseWriter.class);
  private final ClickHouseHttp http;
  private final Mutations mutations;
  private final PartitionSources sources;
  private final int batchRows;
  private final String name;
  private final SpanRows spans;
  private final LogRows logs;
  private final PointRows points;
  private final @Nullable PartitionRetention retention;
  private long checkpoint;
  private long replayFrom;
  private @Nullable LogPartitions partitions;
  private int dropped;
  /** A batch failed and deleting its rows failed too (the server was unreachable): delete them before the next. */
  private boolean leftovers;

  ClickHouseWriter(ClickHouseHttp http, String database, String name, int batchRows,
      @Nullable PartitionRetention retention, PartitionSources sources) {
    this.http = http;
    this.mutations = new Mutations(http, database);
    this.sources = sources;
    this.name = name;
    this.spans = new SpanRows(name);
    this.logs = new LogRows(name);
    this.points = new PointRows(name);
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

  synchronized void partitioned(LogPartitions partitions) {
    this.partitions = partitions;
  }

  /** Entries dropped because their partition had passed to another worker. */
  synchronized long droppedEntries() {
    return dropped;
  }

  @Override
  public synchronized void write(WriteBatch batch) {
    batch.requireBeyond(checkpoint);
    LogPartitions parts = partitions;
    if (parts == null) {
      store(batch);
    } else {
      parts.whileOwned(() -> store(owned(batch, parts)));
    }
  }

  /**
   * The entries of partitions this worker still owns, where they were read recorded first; the
   * others are the next owner's to store. Spans are attributed per trace (see {@link PartitionSources}).
   */
  private WriteBatch owned(WriteBatch batch, LogPartitions parts) {
    List<WriteBatch.Entry> kept = new ArrayList<>();
    List<PartitionSources.Source> read = new ArrayList<>();
    int before = dropped;
    for (WriteBatch.Entry e : batch.entries()) {
      Optional<LogPartitions.Position> own = parts.positionOf(e.sequence());
      if (e.data() instanceof WriteBatch.Traces t) {
        Map<ByteString, Optional<LogPartitions.Position>> traces = new LinkedHashMap<>();
        TraceSpans.ids(t.resourceSpans()).forEach(id -> traces.put(id, parts.positionOfTrace(id).or(() -> own)));
        Set<ByteString> lost = new HashSet<>();
        traces.forEach((id, p) -> {
          if (p.isPresent() && !parts.writable(p.get().partition())) {
            lost.add(id);
          }
        });
        dropped += lost.size();
        traces.forEach((id, p) -> p.filter(x -> !lost.contains(id))
            .ifPresent(x -> read.add(new PartitionSources.Source(e.sequence(), "traces", id, x))));
        List<ResourceSpans> rest = lost.isEmpty() ? t.resourceSpans() : TraceSpans.without(t.resourceSpans(), lost);
        if (!rest.isEmpty()) {
          kept.add(new WriteBatch.Entry(e.sequence(), e.tenant(), new WriteBatch.Traces(rest), e.peer()));
        }
      } else if (own.isPresent() && !parts.writable(own.get().partition())) {
        dropped++;
      } else {
        kept.add(e);
        String signal = e.data() instanceof WriteBatch.Logs ? "logs" : "metrics";
        own.ifPresent(p -> read.add(new PartitionSources.Source(e.sequence(), signal, null, p)));
      }
    }
    if (dropped > before) {
      log.info("left {} entries or traces of partitions now owned by another worker to that worker", dropped - before);
    }
    sources.record(name, read);
    return new WriteBatch(kept, batch.position(), batch.replayFrom());
  }

  private void store(WriteBatch batch) {
    if (leftovers) {
      removeAbove(checkpoint);
      leftovers = false;
    }
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
        leftovers = true;
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
      long deleted = mutations.delete(table, mine(position), "above the checkpoint " + position);
      if (deleted > 0) {
        log.info("deleted {} rows of {} above checkpoint {}, left by an interrupted batch", deleted, table, position);
      }
    }
  }

  /** This writer's rows above {@code position}: other writers' rows are theirs to delete. */
  private String mine(long position) {
    return "writer = " + Sql.text(name) + " AND seq > " + position;
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
