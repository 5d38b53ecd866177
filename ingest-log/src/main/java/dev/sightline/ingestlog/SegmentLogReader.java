package dev.sightline.ingestlog;

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

/** Reads durable entries forward through the segment files with its own file handle. */
final class SegmentLogReader implements LogReader {
  private static final Logger log = LoggerFactory.getLogger(SegmentLogReader.class);
  private final SegmentLog owner;
  private long after;
  private @Nullable Segment segment;
  private @Nullable FileChannel channel;
  private long offset;

  SegmentLogReader(SegmentLog owner, long afterSequence) {
    this.owner = owner;
    this.after = afterSequence;
  }

  @Override
  public List<LogEntry> poll(int maxEntries, long maxBytes, Duration wait) throws InterruptedException {
    if (!owner.awaitDurableBeyond(after, wait)) {
      return List.of();
    }
    List<LogEntry> out = new ArrayList<>();
    long bytes = 0;
    try {
      while (out.size() < maxEntries && bytes < maxBytes && after < owner.lastSequence()) {
        if (channel == null && !open()) {
          break;
        }
        SegmentLog.Durable durable = owner.durable();
        long limit = segment == durable.segment() ? durable.bytes() : segment.bytes;
        EntryCodec.Read read;
        try {
          read = EntryCodec.read(channel, offset, limit);
        } catch (EntryCodec.CorruptEntry e) {
          log.error("ingest log {}: {}; skipping the rest of this segment", segment.path, e.getMessage());
          owner.countCorrupt();
          read = null;
          if (segment == durable.segment()) {
            break;
          }
          offset = limit;
        }
        if (read == null) {
          if (segment == durable.segment()) {
            break;
          }
          Segment next = owner.segmentAfter(segment);
          closeChannel();
          if (next == null) {
            break;
          }
          after = Math.max(after, next.firstSequence - 1);
          continue;
        }
        offset += read.bytes();
        if (read.entry().sequence() > after) {
          out.add(read.entry());
          bytes += read.entry().payload().length;
          after = read.entry().sequence();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the ingest log failed", e);
    }
    return out;
  }

  /** Opens the segment holding the entry after {@code after}; false when there is none yet. */
  private boolean open() throws IOException {
    while (true) {
      Segment candidate = owner.segmentFor(after + 1);
      if (candidate == null) {
        return false;
      }
      try {
        channel = FileChannel.open(candidate.path, StandardOpenOption.READ);
        segment = candidate;
        offset = 0;
        return true;
      } catch (NoSuchFileException gone) {
        // released while this reader was behind: everything in it was stored already
        Segment next = owner.segmentAfter(candidate);
        if (next == null) {
          return false;
        }
        after = Math.max(after, next.firstSequence - 1);
      }
    }
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      channel.close();
    }
    channel = null;
    segment = null;
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
