package dev.sightline.ingestlog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the segments of a log directory when it is opened, and cuts off a torn tail left by a
 * crash.
 *
 * <p>Only the last segment is scanned. The writer starts a new segment only after the previous
 * one's last group commit was fsync'd, so a crash can tear nothing but the last segment, and the
 * open time does not grow with the backlog. A sealed segment ends where the next one begins, so
 * its last sequence follows from the next file's name. Damage inside a sealed segment (bit rot,
 * not a crash) is left in place for readers to report and skip: truncating it would throw away
 * the acknowledged entries behind it.
 */
final class SegmentRecovery {
  private static final Logger log = LoggerFactory.getLogger(SegmentRecovery.class);

  private SegmentRecovery() {}

  /** The segments in sequence order; empty for a new log. */
  static List<Segment> recover(Path directory) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(Segment::isSegmentFile).sorted().toList();
    }
    List<Segment> segments = new ArrayList<>(files.size());
    for (int i = 0; i + 1 < files.size(); i++) {
      Path file = files.get(i);
      long last = Segment.firstSequenceOf(files.get(i + 1)) - 1;
      segments.add(new Segment(file, Segment.firstSequenceOf(file), last, Files.size(file)));
    }
    if (!files.isEmpty()) {
      Path file = files.get(files.size() - 1);
      segments.add(scan(file, Segment.firstSequenceOf(file)));
    }
    return segments;
  }

  /**
   * Validates the framing (length, checksum, sequence) of every entry; encrypted entries need no
   * key for it. From the first that is torn, damaged or out of sequence on, the bytes
   * were never acknowledged (the crash came before their fsync returned), so they are dropped.
   */
  static Segment scan(Path path, long firstSequence) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      long offset = 0;
      long last = firstSequence - 1;
      while (true) {
        String problem;
        try {
          EntryCodec.Read read = EntryCodec.frame(channel, offset, size);
          if (read == null) {
            break;
          }
          if (read.sequence() == last + 1) {
            last++;
            offset += read.bytes();
            continue;
          }
          problem = "sequence " + read.sequence() + " where " + (last + 1) + " was expected at offset " + offset;
        } catch (EntryCodec.CorruptEntry e) {
          problem = e.getMessage();
        }
        log.warn("ingest log {}: {}; dropping {} bytes from offset {} (a write cut off by a crash, never acknowledged)",
            path, problem, size - offset, offset);
        channel.truncate(offset);
        channel.force(true);
        break;
      }
      return new Segment(path, firstSequence, last, offset);
    }
  }
}
