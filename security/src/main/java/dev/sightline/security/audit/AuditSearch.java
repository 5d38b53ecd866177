package dev.sightline.security.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads entries for the admin API. Audit volumes are small, so a search reads the files from the
 * newest back and stops once it has enough; memory stays within the limit. Lines that do not
 * parse are skipped here: reporting them is the job of verification.
 */
final class AuditSearch {
  private AuditSearch() {}

  static List<AuditEntry> query(AuditWriter.Snapshot snapshot, AuditQuery query) throws IOException {
    List<AuditEntry> newestFirst = new ArrayList<>();
    List<AuditFile> files = snapshot.files();
    for (int i = files.size() - 1; i >= 0 && newestFirst.size() < query.limit(); i--) {
      int room = query.limit() - newestFirst.size();
      ArrayDeque<AuditEntry> lastMatches = new ArrayDeque<>(Math.min(room, 1024));
      long limit = i == files.size() - 1 ? snapshot.lastFileBytes() : Long.MAX_VALUE;
      files.get(i).forEachLine(limit, (number, line) -> {
        AuditEntry entry = parseOrNull(line);
        if (entry != null && query.matches(entry.event())) {
          if (lastMatches.size() == room) {
            lastMatches.removeFirst();
          }
          lastMatches.addLast(entry);
        }
        return true;
      });
      for (Iterator<AuditEntry> it = lastMatches.descendingIterator(); it.hasNext(); ) {
        newestFirst.add(it.next());
      }
    }
    return newestFirst;
  }

  /** Copies the stored lines of events in [from, to), oldest first, byte for byte; returns how many. */
  static long export(AuditWriter.Snapshot snapshot, Instant from, Instant to, OutputStream out) throws IOException {
    long[] count = {0};
    List<AuditFile> files = snapshot.files();
    for (int i = 0; i < files.size(); i++) {
      long limit = i == files.size() - 1 ? snapshot.lastFileBytes() : Long.MAX_VALUE;
      files.get(i).forEachLine(limit, (number, line) -> {
        AuditEntry entry = parseOrNull(line);
        if (entry != null && !entry.event().time().isBefore(from) && entry.event().time().isBefore(to)) {
          out.write(line);
          out.write('\n');
          count[0]++;
        }
        return true;
      });
    }
    return count[0];
  }

  private static @Nullable AuditEntry parseOrNull(byte[] line) {
    try {
      return AuditLineCodec.parse(line);
    } catch (AuditLineCodec.BadLine e) {
      return null;
    }
  }
}
