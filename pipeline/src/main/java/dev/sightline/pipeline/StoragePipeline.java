package dev.sightline.pipeline;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sightline.ingestlog.IngestLog;
import dev.sightline.ingestlog.LogEntry;
import dev.sightline.ingestlog.LogReader;
import dev.sightline.pipeline.processor.Pipelines;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.StorageWriter;
import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the ingest log from the storage checkpoint and writes batches to storage, retrying a
 * failed batch until it is stored: the log keeps everything until then, so nothing acknowledged
 * is lost and, with an idempotent writer, nothing shows twice.
 */
public final class StoragePipeline implements Component {
  private static final Logger log = LoggerFactory.getLogger(StoragePipeline.class);
  private final IngestLog ingestLog;
  private final StorageWriter writer;
  private final LossAccounting loss;
  private final SelfMetrics metrics;
  private final PipelineConfig config;
  private final Pipelines processors;
  private volatile boolean draining;
  private volatile boolean stopped;
  private static final int AHEAD = 2;
  private static final String TICK_TENANT = "_sightline";
  private final BlockingQueue<Optional<Pipelines.Processed>> decoded = new ArrayBlockingQueue<>(AHEAD);
  private @Nullable Thread thread;
  private @Nullable Thread decoder;

  public StoragePipeline(IngestLog ingestLog, StorageWriter writer, LossAccounting loss,
      SelfMetrics metrics, PipelineConfig config) {
    this(ingestLog, writer, loss, metrics, config, Pipelines.none(loss, metrics));
  }

  /** A pipeline whose entries pass through {@code processors} between the log and storage. */
  public StoragePipeline(IngestLog ingestLog, StorageWriter writer, LossAccounting loss,
      SelfMetrics metrics, PipelineConfig config, Pipelines processors) {
    this.processors = processors;
    this.ingestLog = ingestLog;
    this.writer = writer;
    this.loss = loss;
    this.metrics = metrics;
    this.config = config;
    metrics.gauge("sightline_pipeline_checkpoint", "Ingest-log sequence stored so far.", writer::checkpoint);
    metrics.gauge("sightline_pipeline_lag_entries", "Durable ingest-log entries not yet stored.",
        () -> Math.max(0, ingestLog.lastSequence() - writer.checkpoint()));
  }

  @Override
  public void start() {
    processors.start();
    Thread decoding = new Thread(this::decodeLoop, "sightline-pipeline-decoder");
    Thread writing = new Thread(this::writeLoop, "sightline-storage-pipeline");
    decoding.setDaemon(false);
    writing.setDaemon(false);
    decoder = decoding;
    thread = writing;
    decoding.start();
    writing.start();
  }

  /** True when everything durable in the log is stored. */
  public boolean caughtUp() {
    return writer.checkpoint() >= ingestLog.lastSequence();
  }

  /**
   * Reads the log and decodes it one batch ahead of the writer, so that protobuf parsing runs on
   * another core than the storage engine. The queue is bounded: at most {@link #AHEAD} batches wait.
   */
  private void decodeLoop() {
    long checkpoint = writer.checkpoint();
    processors.recover(checkpoint);
    long read = Math.min(checkpoint, writer.replayFrom() - 1);
    log.info("storage pipeline starting after ingest-log sequence {} (stored up to {})", read, checkpoint);
    long nextTick = 0; // a tick entry that got lost (log full) is retried after a second
    try (LogReader reader = ingestLog.openReader(read)) {
      while (!stopped) {
        List<LogEntry> entries = reader.poll(config.maxEntriesPerBatch(), config.maxBytesPerBatch(),
            Duration.ofMillis(100));
        if (entries.isEmpty()) {
          if (draining && read >= ingestLog.lastSequence()) {
            break;
          }
          if (!draining && System.nanoTime() - nextTick > 0 && processors.hasDueWork()) {
            tick();
            nextTick = System.nanoTime() + 1_000_000_000L;
          }
          continue;
        }
        nextTick = System.nanoTime();
        read = entries.get(entries.size() - 1).sequence();
        decoded.put(Optional.of(decode(entries)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException e) {
      log.error("storage pipeline stopped by an unexpected error; restart the server to resume", e);
    }
    try {
      decoded.put(Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Appends an empty entry so that a batch forms although no data arrives: a processor with work
   * due (a tail sampler whose decision wait is over) releases at a position of its own, which keeps
   * the store's exactly-once bookkeeping intact.
   */
  private void tick() {
    try {
      ingestLog.append(LogEntry.Kind.TRACES, TICK_TENANT, new byte[0]);
    } catch (RuntimeException e) {
      log.debug("no tick entry appended: {}", e.getMessage());
    }
  }

  private void writeLoop() {
    try {
      for (Optional<Pipelines.Processed> batch = decoded.take(); batch.isPresent(); batch = decoded.take()) {
        store(batch.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("storage pipeline stopped by an unexpected error; restart the server to resume", e);
      Thread d = decoder;
      if (d != null) {
        d.interrupt();
      }
    }
  }

  private Pipelines.Processed decode(List<LogEntry> entries) {
    List<WriteBatch.Entry> batch = new ArrayList<>(entries.size());
    for (LogEntry e : entries) {
      WriteBatch.Entry entry = decode(e);
      if (entry != null) {
        batch.add(entry);
      }
    }
    return processors.apply(batch, entries.get(entries.size() - 1).sequence());
  }

  private void store(Pipelines.Processed processed) throws InterruptedException {
    WriteBatch batch = processed.batch();
    if (!processed.toWrite()) {
      return; // entries the store already has, read again to rebuild processors' state
    }
    long backoffMs = 100;
    while (true) {
      try {
        writer.write(batch);
        break;
      } catch (StorageException e) {
        metrics.counter("sightline_pipeline_write_failures_total", "Batches that failed to store and were retried.").increment();
        log.warn("storing a batch failed, retrying in {} ms: {}", backoffMs, e.getMessage());
        if (stopped) {
          return;
        }
        Thread.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
    ingestLog.releaseUpTo(batch.replayFrom() - 1);
    for (WriteBatch.Entry e : batch.entries()) {
      if (processed.generated().contains(e)) {
        continue;
      }
      loss.written(signalOf(e.data()), e.tenant(), count(e.data()));
    }
    metrics.counter("sightline_pipeline_batches_total", "Batches stored.").increment();
  }

  private WriteBatch.@Nullable Entry decode(LogEntry e) {
    try {
      WriteBatch.SignalData data = switch (e.kind()) {
        case TRACES -> new WriteBatch.Traces(ExportTraceServiceRequest.parseFrom(e.payload()).getResourceSpansList());
        case METRICS -> new WriteBatch.Metrics(ExportMetricsServiceRequest.parseFrom(e.payload()).getResourceMetricsList());
        case LOGS -> new WriteBatch.Logs(ExportLogsServiceRequest.parseFrom(e.payload()).getResourceLogsList());
      };
      return new WriteBatch.Entry(e.sequence(), e.tenant(), data, e.peer());
    } catch (InvalidProtocolBufferException ex) {
      // Receivers only log what they parsed, so this is damage on disk: count it and go on.
      log.error("ingest-log entry {} cannot be decoded and is skipped: {}", e.sequence(), ex.getMessage());
      loss.dropped(Signal.of(e.kind()), e.tenant(), "undecodable", 1);
      return null;
    }
  }

  private static Signal signalOf(WriteBatch.SignalData data) {
    return switch (data) {
      case WriteBatch.Traces t -> Signal.TRACES;
      case WriteBatch.Metrics m -> Signal.METRICS;
      case WriteBatch.Logs l -> Signal.LOGS;
    };
  }

  private static long count(WriteBatch.SignalData data) {
    return switch (data) {
      case WriteBatch.Traces t -> Items.spans(t.resourceSpans());
      case WriteBatch.Metrics m -> Items.points(m.resourceMetrics());
      case WriteBatch.Logs l -> Items.logRecords(l.resourceLogs());
    };
  }

  /** Stores what the log holds (up to {@code timeout}), then stops. */
  @Override
  public void shutdown(Duration timeout) {
    Thread t = thread;
    if (t == null) {
      return;
    }
    draining = true;
    try {
      t.join(timeout.toMillis());
      processors.shutdown(Duration.ofSeconds(5));
      if (t.isAlive()) {
        log.warn("storage pipeline did not catch up within {}; the rest is replayed at the next start", timeout);
        stopped = true;
        t.interrupt();
        Thread d = decoder;
        if (d != null) {
          d.interrupt();
          d.join(10_000);
        }
        t.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
