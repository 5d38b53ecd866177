package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Entries of the ingest log, in sequence order, to be stored together, and the log position this
 * batch reaches: the checkpoint once it is stored. The position may lie beyond the last entry
 * when entries in between carried nothing to store. Entries made by the pipeline itself (span
 * metrics, for example) take the sequence of the batch's last entry, so one sequence may carry
 * several entries of a signal (received and made, or of several tenants) — but never two of logs,
 * whose record ids are derived from the sequence.
 *
 * <p>{@code replayFrom} is the oldest log sequence the pipeline still needs after this batch
 * (a tail sampler holds spans of undecided traces): after a restart the pipeline reads the log
 * from there, and the log keeps everything from there on. Usually it is {@code position + 1}.
 */
public record WriteBatch(List<Entry> entries, long position, long replayFrom) {

  public WriteBatch {
    entries = List.copyOf(requireNonNull(entries, "entries"));
    long previous = 0;
    Set<Class<?>> signalsAtPrevious = new HashSet<>();
    for (Entry e : entries) {
      if (e.sequence() < previous) {
        throw new IllegalArgumentException("entries out of sequence order at " + e.sequence());
      }
      if (e.sequence() > previous) {
        signalsAtPrevious.clear();
      }
      if (e.data() instanceof Logs && !signalsAtPrevious.add(e.data().getClass())) {
        throw new IllegalArgumentException("two log entries at sequence " + e.sequence());
      }
      previous = e.sequence();
    }
    if (position < previous || position < 1) {
      throw new IllegalArgumentException(
          "position " + position + " is before the last entry " + previous);
    }
    if (replayFrom < 1 || replayFrom > position + 1) {
      throw new IllegalArgumentException("replayFrom " + replayFrom + " must lie in 1.." + (position + 1));
    }
  }

  /** A batch after which nothing before {@code position} is needed again. */
  public WriteBatch(List<Entry> entries, long position) {
    this(entries, position, position + 1);
  }

  /**
   * Refuses a batch that a writer at {@code checkpoint} has stored already: callers must not
   * replay entries at or below the checkpoint ({@link StorageWriter#write}).
   *
   * @throws IllegalArgumentException naming both positions
   */
  public void requireBeyond(long checkpoint) {
    if (position <= checkpoint) {
      throw new IllegalArgumentException("batch ends at " + position
          + ", which is not above the checkpoint " + checkpoint);
    }
  }

  /** A batch reaching up to its last entry. */
  public static WriteBatch of(List<Entry> entries) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a write batch needs at least one entry or a position");
    }
    return new WriteBatch(entries, entries.get(entries.size() - 1).sequence());
  }

  /**
   * One ingest-log entry: its sequence, tenant, decoded data, and the address of the client that
   * sent it (empty when unknown), which processors may use and storage ignores.
   */
  public record Entry(long sequence, String tenant, SignalData data, String peer) {
    public Entry {
      requireNonNull(tenant, "tenant");
      requireNonNull(data, "data");
      requireNonNull(peer, "peer");
    }

    public Entry(long sequence, String tenant, SignalData data) {
      this(sequence, tenant, data, "");
    }
  }

  /** The decoded payload of an entry, one OTLP signal. */
  public sealed interface SignalData {}

  public record Traces(List<ResourceSpans> resourceSpans) implements SignalData {}

  public record Metrics(List<ResourceMetrics> resourceMetrics) implements SignalData {}

  public record Logs(List<ResourceLogs> resourceLogs) implements SignalData {}
}
