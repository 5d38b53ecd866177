package dev.sightline.ingestlog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One segment file, named by the first sequence it may hold (20 digits and {@code .seg}), with
 * its last durable sequence and its durable size. Only the writer thread changes the two
 * counters, and only after an fsync; everyone else reads them.
 */
final class Segment {
  static final String SUFFIX = ".seg";
  private static final Pattern NAME = Pattern.compile("\\d{20}\\.seg");
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  final Path path;
  final long firstSequence;
  /** {@code firstSequence - 1} while the segment is empty. */
  volatile long lastSequence;
  volatile long bytes;

  Segment(Path path, long firstSequence, long lastSequence, long bytes) {
    this.path = path;
    this.firstSequence = firstSequence;
    this.lastSequence = lastSequence;
    this.bytes = bytes;
  }

  boolean isEmpty() {
    return lastSequence < firstSequence;
  }

  static Path pathFor(Path directory, long firstSequence) {
    return directory.resolve(String.format("%020d%s", firstSequence, SUFFIX));
  }

  static boolean isSegmentFile(Path path) {
    return NAME.matcher(path.getFileName().toString()).matches();
  }

  static long firstSequenceOf(Path path) {
    String name = path.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
  }

  /**
   * Makes a new file's directory entry durable; without it a power cut can lose a whole segment
   * whose contents were fsync'd. Windows cannot open directories, and NTFS journals the entry.
   */
  static void syncDirectory(Path directory) throws IOException {
    if (WINDOWS) {
      return;
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
