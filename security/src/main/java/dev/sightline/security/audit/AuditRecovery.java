package dev.sightline.security.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where the chain ends when the log is opened, and cuts off a torn last line.
 *
 * <p>Each append writes one whole line and returns only after its fsync, so a crash can leave
 * nothing but a partial line after the last newline of the last file, and that line was never
 * acknowledged. A complete last line that does not parse is not a crash but damage or tampering:
 * it is left in place as evidence and opening fails, since the chain cannot be continued from it.
 * Only the tail is read, so opening does not grow with the size of the log.
 */
final class AuditRecovery {
  private static final Logger log = LoggerFactory.getLogger(AuditRecovery.class);
  private static final int WINDOW = 64 * 1024;

  /** The files, the last one's length, and the entry the chain continues from (null for an empty log). */
  record Tail(List<AuditFile> files, long lastFileBytes, @Nullable AuditEntry last) {}

  private AuditRecovery() {}

  static Tail recover(Path directory) throws IOException {
    List<AuditFile> files = new ArrayList<>(AuditFile.list(directory));
    while (!files.isEmpty()) {
      AuditFile file = files.get(files.size() - 1);
      try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long size = ch.size();
        long end = lastNewline(ch, size, size) + 1;
        if (end < size) {
          log.warn("audit log {}: dropping {} bytes after the last complete line (a write cut off by a crash,"
              + " never acknowledged)", file.path(), size - end);
          ch.truncate(end);
          ch.force(true);
        }
        if (end > 0) {
          long start = lastNewline(ch, end - 1, end) + 1;
          ByteBuffer line = ByteBuffer.allocate((int) (end - 1 - start));
          while (line.hasRemaining() && ch.read(line, start + line.position()) >= 0) {
            // positional reads until the line is in
          }
          return new Tail(List.copyOf(files), end, parse(file, line.array()));
        }
      }
      if (files.size() == 1) {
        return new Tail(List.copyOf(files), 0, null);
      }
      // An empty file after others: created just before a crash. Its name may not fit the seq the
      // chain continues with, so it goes and the writer creates the file it needs.
      Files.delete(file.path());
      files.remove(files.size() - 1);
    }
    return new Tail(List.of(), 0, null);
  }

  private static AuditEntry parse(AuditFile file, byte[] line) {
    try {
      return AuditLineCodec.parse(line);
    } catch (AuditLineCodec.BadLine e) {
      throw new AuditLogException("audit log " + file.path() + ": the last line cannot continue the chain: "
          + e.getMessage() + "; run verify, then move the damaged file aside");
    }
  }

  /** The offset of the last newline before {@code before}, or -1 when there is none. */
  private static long lastNewline(FileChannel ch, long before, long size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(WINDOW);
    long end = Math.min(before, size);
    while (end > 0) {
      long start = Math.max(0, end - WINDOW);
      buf.clear().limit((int) (end - start));
      while (buf.hasRemaining() && ch.read(buf, start + buf.position()) >= 0) {
        // positional reads until the window is in
      }
      for (int i = buf.position() - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          return start + i;
        }
      }
      end = start;
    }
    return -1;
  }
}
