package dev.sightline.ingestlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment being written and its file handle, used by the writer thread only.
 *
 * <p>Writes are positional, at the segment's durable size, so that the bytes of a failed write
 * are cut off, or overwritten by the next write when cutting fails too. The segment's counters
 * change only after the fsync returned, which is what lets readers trust them.
 */
final class ActiveSegment {
  private static final Logger log = LoggerFactory.getLogger(ActiveSegment.class);
  private final Path directory;
  private Segment segment;
  private FileChannel channel;
  /** The segment's directory entry may not be durable yet. */
  private boolean directoryDirty = true;
  /** The file may hold bytes of a failed write beyond {@code segment.bytes}. */
  private boolean tailDirty;

  ActiveSegment(Path directory, Segment segment) throws IOException {
    this.directory = directory;
    this.segment = segment;
    this.channel = FileChannel.open(segment.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  Segment segment() {
    return segment;
  }

  /** Appends whole entries, fsyncs them, then records them; on failure nothing is recorded. */
  void writeDurably(ByteBuffer entries, long lastSequence) throws IOException {
    long start = segment.bytes;
    long end = start + entries.remaining();
    boolean wasDirty = tailDirty;
    try {
      reopenIfClosed();
      tailDirty = true;
      for (long p = start; entries.hasRemaining(); ) {
        p += channel.write(entries, p);
      }
      if (wasDirty) {
        channel.truncate(end);
      }
      if (directoryDirty) {
        Segment.syncDirectory(directory);
        directoryDirty = false;
      }
      channel.force(false);
      tailDirty = false;
    } catch (IOException e) {
      cutOff(start);
      throw e;
    }
    segment.lastSequence = lastSequence;
    segment.bytes = end;
  }

  /**
   * Seals this segment (its last write was fsync'd) and continues in a new file named by
   * {@code firstSequence}; null when that file cannot be created, and writing goes on here.
   */
  @Nullable Segment roll(long firstSequence) {
    if (tailDirty) {
      cutOff(segment.bytes);
    }
    Segment next = new Segment(Segment.pathFor(directory, firstSequence), firstSequence, firstSequence - 1, 0);
    FileChannel opened;
    try {
      opened = FileChannel.open(next.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      log.warn("cannot start the ingest-log segment {}; writing on in {}: {}", next, segment, e.getMessage());
      return null;
    }
    closeQuietly();
    channel = opened;
    segment = next;
    directoryDirty = true;
    tailDirty = false;
    return next;
  }

  void close() {
    try {
      if (channel.isOpen()) {
        channel.force(true);
      }
    } catch (IOException e) {
      log.warn("closing the ingest log {}: {}", segment, e.getMessage());
    }
    closeQuietly();
  }

  private void cutOff(long bytes) {
    try {
      reopenIfClosed();
      channel.truncate(bytes);
      tailDirty = false;
    } catch (IOException e) {
      log.warn("cannot cut a failed write off {} at {} bytes: {}", segment, bytes, e.getMessage());
    }
  }

  /** An interrupt closes a FileChannel; the log must go on writing. */
  private void reopenIfClosed() throws IOException {
    if (!channel.isOpen()) {
      channel = FileChannel.open(segment.path, StandardOpenOption.WRITE);
    }
  }

  private void closeQuietly() {
    try {
      channel.close();
    } catch (IOException e) {
      log.warn("closing the ingest-log segment {}: {}", segment, e.getMessage());
    }
  }
}
