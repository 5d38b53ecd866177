package dev.sightline.ingestlog;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.sightline.security.atrest.BlobCipher;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local ingest log: CRC32C-checked entries in segment files of one directory, appended by one
 * writer thread that group-commits (one write and one fsync for everything queued) before it
 * completes the appends. Appends never block: a full queue or a backlog over its limit fails the
 * future at once with a {@link LogFullException}.
 *
 * <p>The backlog is counted above the sequence given to the last {@link #releaseUpTo} call (or,
 * until the first call, the whole log): the storage pipeline releases its checkpoint after each
 * stored batch, so that sequence is how far the consumer got. Open it with {@link #open}.
 */
public final class SegmentLog implements IngestLog {
  private static final Logger log = LoggerFactory.getLogger(SegmentLog.class);
  private final SegmentLogConfig config;
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final DurableMark durable;
  private final GroupCommitWriter writer;
  private final AtomicLong released = new AtomicLong();
  private final AtomicLong corrupt = new AtomicLong();
  private final Object closing = new Object();
  private volatile boolean closed;

  private SegmentLog(SegmentLogConfig config) throws IOException {
    this.config = config;
    Files.createDirectories(config.directory());
    for (Segment s : SegmentRecovery.recover(config.directory())) {
      segments.put(s.firstSequence, s);
    }
    if (segments.isEmpty()) {
      segments.put(1L, new Segment(Segment.pathFor(config.directory(), 1), 1, 0, 0));
    }
    Segment last = segments.lastEntry().getValue();
    durable = new DurableMark(new DurableMark.Position(last.lastSequence, last, last.bytes));
    released.set(segments.firstKey() - 1);
    writer = new GroupCommitWriter(config, segments, durable);
    writer.start();
    log.info("ingest log in {}: {} segments, last sequence {}{}", config.directory(), segments.size(), last.lastSequence,
        config.cipher() == null ? "" : ", new entries encrypted (AES-256-GCM)");
  }

  /**
   * Opens the log in {@code config.directory()}, creating it if needed, and recovers from a crash
   * by cutting off a torn last write. Fails with an {@link UncheckedIOException} naming the
   * directory when it cannot be read or written.
   */
  public static SegmentLog open(SegmentLogConfig config) {
    requireNonNull(config, "config");
    try {
      return new SegmentLog(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the ingest log in " + config.directory() + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Also fails the future with an {@link IllegalArgumentException} when the tenant is over
   * 65535 bytes of UTF-8 or the payload near 1 GiB, and with an {@link IllegalStateException}
   * once the log is closed.
   */
  @Override
  public CompletableFuture<Long> append(LogEntry.Kind kind, String tenant, String peer, byte[] payload) {
    requireNonNull(kind, "kind");
    requireNonNull(tenant, "tenant");
    requireNonNull(peer, "peer");
    requireNonNull(payload, "payload");
    if (closed) {
      return CompletableFuture.failedFuture(closedException());
    }
    if (tenant.indexOf(EntryCodec.PEER_SEPARATOR) >= 0 || peer.indexOf(EntryCodec.PEER_SEPARATOR) >= 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("tenant and peer must not contain NUL"));
    }
    byte[] tenantBytes = (peer.isEmpty() ? tenant : tenant + EntryCodec.PEER_SEPARATOR + peer).getBytes(StandardCharsets.UTF_8);
    if (tenantBytes.length > EntryCodec.MAX_TENANT_BYTES) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "tenant and peer must be at most " + EntryCodec.MAX_TENANT_BYTES + " bytes of UTF-8, were " + tenantBytes.length));
    }
    if (payload.length > EntryCodec.MAX_PAYLOAD_BYTES) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "payload must be at most " + EntryCodec.MAX_PAYLOAD_BYTES + " bytes, was " + payload.length));
    }
    if (bytesAfter(released.get()) > config.maxBacklogBytes()) {
      return CompletableFuture.failedFuture(new LogFullException("the ingest log holds more than "
          + config.maxBacklogBytes() + " bytes not yet stored; retry later", 5, true));
    }
    GroupCommitWriter.Append append = new GroupCommitWriter.Append(kind, tenantBytes, payload, new CompletableFuture<>());
    if (!writer.offer(append)) {
      return CompletableFuture.failedFuture(new LogFullException("the ingest log's append queue of "
          + config.queueCapacity() + " is full; retry later", 1, false));
    }
    if (closed && writer.withdraw(append)) {
      // closed between the check above and the offer, possibly after the writer's last look
      append.done().completeExceptionally(closedException());
    }
    return append.done();
  }

  static IllegalStateException closedException() {
    return new IllegalStateException("ingest log is closed");
  }

  /**
   * {@inheritDoc}
   *
   * <p>Each reader has its own file handle; a reader behind a released segment skips ahead.
   */
  @Override
  public LogReader openReader(long afterSequence) {
    return new SegmentLogReader(this, afterSequence);
  }

  @Override
  public long lastSequence() {
    return durable.current().lastSequence();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Deletes sealed segments whose last sequence is at or below {@code sequence}, never the
   * active one, and counts the backlog from here on (see the class comment).
   */
  @Override
  public void releaseUpTo(long sequence) {
    released.accumulateAndGet(sequence, Math::max);
    Segment active = durable.current().segment();
    for (Segment s : segments.values()) {
      if (s == active || s.lastSequence > sequence) {
        return;
      }
      try {
        Files.deleteIfExists(s.path);
        segments.remove(s.firstSequence, s);
      } catch (IOException e) {
        log.warn("cannot delete the stored ingest-log segment {}: {}", s.path, e.getMessage());
        return;
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Counts whole segments: the segment holding {@code sequence} is counted in full, so the
   * result can be over by up to one segment's size.
   */
  @Override
  public long bytesAfter(long sequence) {
    long total = 0;
    for (Segment s : segments.values()) {
      if (s.lastSequence > sequence) {
        total += s.bytes;
      }
    }
    return total;
  }

  /** Bytes of durable entries in all segment files. */
  public long durableBytes() {
    long total = 0;
    for (Segment s : segments.values()) {
      total += s.bytes;
    }
    return total;
  }

  public int segmentCount() {
    return segments.size();
  }

  /** Entries made durable since this log was opened. */
  public long appendedEntries() {
    return writer.appended();
  }

  /** Group commits (fsync calls) since this log was opened. */
  public long fsyncs() {
    return writer.fsyncs();
  }

  /**
   * Damaged entries that readers met and skipped, each with the rest of its segment; counted by
   * every reader that meets them.
   */
  public long corruptEntries() {
    return corrupt.get();
  }

  /** Stops taking appends, makes the queued ones durable, and closes the file. Idempotent. */
  @Override
  public void close() {
    synchronized (closing) {
      if (closed) {
        return;
      }
      closed = true;
      writer.stop();
    }
  }

  /** Whether new entries are encrypted. */
  public boolean encrypted() {
    return config.cipher() != null;
  }

  @Nullable BlobCipher cipher() {
    return config.cipher();
  }

  DurableMark durable() {
    return durable;
  }

  /** The segment that holds (or would hold) {@code sequence}, or the oldest one if it is older. */
  @Nullable Segment segmentFor(long sequence) {
    Map.Entry<Long, Segment> e = segments.floorEntry(sequence);
    if (e == null) {
      e = segments.firstEntry();
    }
    return e == null ? null : e.getValue();
  }

  @Nullable Segment segmentAfter(Segment segment) {
    Map.Entry<Long, Segment> e = segments.higherEntry(segment.firstSequence);
    return e == null ? null : e.getValue();
  }

  void countCorrupt() {
    corrupt.incrementAndGet();
  }
}
