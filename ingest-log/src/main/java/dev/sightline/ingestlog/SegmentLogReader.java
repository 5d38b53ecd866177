package dev.sightline.ingestlog;

import dev.sightline.security.atrest.AtRestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads durable entries forward through the segment files with its own file handle.
 *
 * <p>Each round reads up to a durable position seen before reading, then sleeps until the writer
 * publishes another one, so nothing published in between is missed and nothing spins. The reader
 * only ever opens segments at or before the one of that position; every other segment is sealed
 * and its size final. A damaged entry in a sealed segment is reported, counted, and the rest of
 * that segment skipped; in the active segment the reader reports it once and waits for the
 * segment to be sealed. An entry that cannot be decrypted (intact, so not damage: a missing or wrong
 * key) is never skipped: the poll that meets it fails with an {@link AtRestException}, and so does
 * every poll after, until the reader is closed.
 */
final class SegmentLogReader implements LogReader {
  private static final Logger log = LoggerFactory.getLogger(SegmentLogReader.class);
  private final SegmentLog owner;
  private long after;
  private @Nullable Segment segment;
  private @Nullable FileChannel channel;
  private long offset;
  private long reportedCorruptOffset = -1;

  SegmentLogReader(SegmentLog owner, long afterSequence) {
    this.owner = owner;
    this.after = afterSequence;
  }

  @Override
  public List<LogEntry> poll(int maxEntries, long maxBytes, Duration wait) throws InterruptedException {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
    }
    long waitNanos = wait.isNegative() ? 0 : saturatedNanos(wait);
    long deadline = System.nanoTime() + waitNanos;
    while (true) {
      DurableMark.Position seen = owner.durable().current();
      List<LogEntry> out = readUpTo(seen, maxEntries, maxBytes);
      if (!out.isEmpty()) {
        return out;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || !owner.durable().awaitChange(seen, left)) {
        return List.of();
      }
    }
  }

  private List<LogEntry> readUpTo(DurableMark.Position seen, int maxEntries, long maxBytes) {
    List<LogEntry> out = new ArrayList<>();
    long bytes = 0;
    try {
      while (out.size() < maxEntries && bytes < maxBytes && after < seen.lastSequence()) {
        if (channel == null && !open()) {
          break;
        }
        boolean active = segment == seen.segment();
        long limit = active ? seen.bytes() : segment.bytes;
        EntryCodec.Read read;
        try {
          read = EntryCodec.read(channel, offset, limit, owner.cipher());
        } catch (AtRestException e) {
          if (!out.isEmpty()) {
            break; // hand over what was read; the next poll meets this entry again and fails
          }
          throw e;
        } catch (EntryCodec.CorruptEntry e) {
          report(e, active, limit);
          if (active) {
            break;
          }
          read = null;
        }
        if (read == null) {
          if (active || !nextSegment()) {
            break;
          }
          continue;
        }
        offset += read.bytes();
        LogEntry entry = java.util.Objects.requireNonNull(read.entry(), "read decodes the entry");
        if (entry.sequence() > after) {
          out.add(entry);
          bytes += entry.payload().length;
          after = entry.sequence();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the ingest log " + segment + " failed: " + e.getMessage(), e);
    }
    return out;
  }

  private void report(EntryCodec.CorruptEntry e, boolean active, long limit) {
    if (offset == reportedCorruptOffset) {
      return; // the same damage in the active segment, seen again after a wake-up
    }
    reportedCorruptOffset = offset;
    owner.countCorrupt();
    log.error("ingest log {}: {}; {}", segment, e.getMessage(), active
        ? "waiting for the segment to be sealed, then skipping the rest of it"
        : "skipping the rest of this segment, " + (limit - offset) + " bytes");
  }

  /** Opens the segment holding the entry after {@code after}; false when there is none. */
  private boolean open() throws IOException {
    while (true) {
      Segment candidate = owner.segmentFor(after + 1);
      if (candidate == null) {
        return false;
      }
      if (candidate.firstSequence > after + 1) {
        log.warn("ingest-log reader skips sequences {} to {}: their segments were released",
            after + 1, candidate.firstSequence - 1);
        after = candidate.firstSequence - 1;
      }
      try {
        channel = FileChannel.open(candidate.path, StandardOpenOption.READ);
        segment = candidate;
        offset = 0;
        reportedCorruptOffset = -1;
        return true;
      } catch (NoSuchFileException released) {
        // released between the lookup and the open; the next lookup finds a later segment
        after = Math.max(after, candidate.lastSequence);
      }
    }
  }

  /** Moves past the current, sealed segment; false when the next one is not there yet. */
  private boolean nextSegment() throws IOException {
    Segment next = owner.segmentAfter(segment);
    if (next == null) {
      return false;
    }
    closeChannel();
    after = Math.max(after, next.firstSequence - 1);
    return true;
  }

  private void closeChannel() throws IOException {
    FileChannel c = channel;
    channel = null;
    segment = null;
    if (c != null) {
      c.close();
    }
  }

  private static long saturatedNanos(Duration wait) {
    try {
      return wait.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 2;
    }
  }

  @Override
  public void close() {
    try {
      closeChannel();
    } catch (IOException e) {
      log.debug("closing an ingest-log reader", e);
    }
  }
}
