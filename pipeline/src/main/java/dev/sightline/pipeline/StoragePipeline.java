package dev.sightline.pipeline;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sightline.ingestlog.IngestLog;
import dev.sightline.ingestlog.LogEntry;
import dev.sightline.ingestlog.LogReader;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.StorageWriter;
import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private volatile boolean draining;
  private volatile boolean stopped;
  private @Nullable Thread thread;

  public StoragePipeline(IngestLog ingestLog, StorageWriter writer, LossAccounting loss,
      SelfMetrics metrics, PipelineConfig config) {
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
    Thread t = new Thread(this::run, "sightline-storage-pipeline");
    t.setDaemon(false);
    thread = t;
    t.start();
  }

  /** True when everything durable in the log is stored. */
  public boolean caughtUp() {
    return writer.checkpoint() >= ingestLog.lastSequence();
  }

  private void run() {
    long from = writer.checkpoint();
    log.info("storage pipeline starting after ingest-log sequence {}", from);
    try (LogReader reader = ingestLog.openReader(from)) {
      while (!stopped) {
        List<LogEntry> entries = reader.poll(config.maxEntriesPerBatch(), config.maxBytesPerBatch(),
            Duration.ofMillis(100));
        if (entries.isEmpty()) {
          if (draining && caughtUp()) {
            return;
          }
          continue;
        }
        store(entries);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("storage pipeline stopped by an unexpected error; restart the server to resume", e);
    }
  }

  private void store(List<LogEntry> entries) throws InterruptedException {
    List<WriteBatch.Entry> decoded = new ArrayList<>(entries.size());
    for (LogEntry e : entries) {
      WriteBatch.Entry entry = decode(e);
      if (entry != null) {
        decoded.add(entry);
      }
    }
    WriteBatch batch = new WriteBatch(decoded, entries.get(entries.size() - 1).sequence());
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
    ingestLog.releaseUpTo(batch.position());
    for (WriteBatch.Entry e : decoded) {
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
      return new WriteBatch.Entry(e.sequence(), e.tenant(), data);
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
      if (t.isAlive()) {
        log.warn("storage pipeline did not catch up within {}; the rest is replayed at the next start", timeout);
        stopped = true;
        t.interrupt();
        t.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
