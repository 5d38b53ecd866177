package dev.sightline.ingestlog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One segment file: the first sequence it may hold (its name), its last sequence and size. */
final class Segment {
  private static final Logger log = LoggerFactory.getLogger(Segment.class);
  static final String SUFFIX = ".seg";
  final Path path;
  final long firstSequence;
  volatile long lastSequence;
  volatile long bytes;

  Segment(Path path, long firstSequence, long lastSequence, long bytes) {
    this.path = path;
    this.firstSequence = firstSequence;
    this.lastSequence = lastSequence;
    this.bytes = bytes;
  }

  static Path pathFor(Path directory, long firstSequence) {
    return directory.resolve(String.format("%020d%s", firstSequence, SUFFIX));
  }

  /**
   * Scans the file, validating every entry; a torn or corrupt tail (a write cut off by a crash,
   * never acknowledged) is truncated with a warning.
   */
  static Segment recover(Path path, long firstSequence) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      long offset = 0;
      long last = firstSequence - 1;
      while (true) {
        try {
          EntryCodec.Read read = EntryCodec.read(channel, offset, size);
          if (read == null) {
            break;
          }
          last = read.entry().sequence();
          offset += read.bytes();
        } catch (EntryCodec.CorruptEntry e) {
          log.warn("ingest log {}: {}; dropping the {} bytes from offset {} (an unacknowledged write cut off by a crash)",
              path, e.getMessage(), size - offset, offset);
          channel.truncate(offset);
          channel.force(true);
          break;
        }
      }
      return new Segment(path, firstSequence, last, offset);
    }
  }

  static long firstSequenceOf(Path path) {
    String name = path.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
  }
}
