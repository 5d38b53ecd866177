package dev.sightline.ingestlog;

import java.util.concurrent.CompletableFuture;

/**
 * An append-only, durable log of ingested payloads. Every entry gets a sequence number, strictly
 * increasing from 1 and never reused, also across restarts.
 */
public interface IngestLog extends AutoCloseable {

  /**
   * Appends an entry. The future completes with the entry's sequence number once the entry is
   * durable (on one machine: written and fsync'd), or exceptionally with {@link LogFullException}
   * when the log cannot take more now, or an {@link java.io.IOException} cause when writing failed.
   * Callers acknowledge their clients only after the future completed normally. {@code peer} is
   * the address of the client that sent the payload, kept with it for enrichment; empty when
   * unknown.
   */
  CompletableFuture<Long> append(LogEntry.Kind kind, String tenant, String peer, byte[] payload);

  /** Appends an entry whose sender is not known. */
  default CompletableFuture<Long> append(LogEntry.Kind kind, String tenant, byte[] payload) {
    return append(kind, tenant, "", payload);
  }

  /** A reader of durable entries with a sequence greater than {@code afterSequence}. */
  LogReader openReader(long afterSequence);

  /** The sequence number of the last durable entry, 0 when the log is empty. */
  long lastSequence();

  /**
   * Lets go of whole segments whose entries all have sequences at or below {@code sequence}. The
   * storage pipeline calls it with its checkpoint after each stored batch.
   */
  void releaseUpTo(long sequence);

  /**
   * Bytes of durable entries above the given sequence, for back-pressure and self-metrics; an
   * implementation may round up to whole files.
   */
  long bytesAfter(long sequence);

  /** Waits for pending appends to become durable, then closes files. */
  @Override
  void close();
}
