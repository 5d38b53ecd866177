package dev.sightline.security.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends entries to the last file and rolls to a new one; not thread-safe, {@link AuditLog}
 * serialises the calls.
 *
 * <p>Writes are positional at the durable length, so the bytes of a failed write are cut off, or
 * overwritten by the next write when cutting fails too. The chain moves on only after the fsync
 * returned: a failed append leaves no entry and no gap in the seq.
 */
final class AuditWriter {
  private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

  /** What readers may read: every file whole, the last one up to {@code lastFileBytes}. */
  record Snapshot(List<AuditFile> files, long lastFileBytes) {}

  private final Path directory;
  private final long maxFileBytes;
  private final ChainHash chain;
  private final List<AuditFile> files;
  private @Nullable AuditFile file;
  private @Nullable FileChannel channel;
  private long bytes;
  private long nextSeq;
  private String prev;
  /** The file may hold bytes of a failed write beyond {@code bytes}. */
  private boolean tailDirty;

  AuditWriter(Path directory, long maxFileBytes, ChainHash chain, AuditRecovery.Tail tail) {
    this.directory = directory;
    this.maxFileBytes = maxFileBytes;
    this.chain = chain;
    this.files = new ArrayList<>(tail.files());
    this.file = files.isEmpty() ? null : files.get(files.size() - 1);
    this.bytes = tail.lastFileBytes();
    AuditEntry last = tail.last();
    this.nextSeq = last == null ? 1 : last.seq() + 1;
    this.prev = last == null ? AuditEntry.GENESIS : last.hash();
  }

  AuditEntry append(AuditEvent event, LocalDate today) {
    long seq = nextSeq;
    String hash = chain.hash(prev, AuditLineCodec.content(seq, event));
    AuditEntry entry = new AuditEntry(seq, event, prev, hash);
    ByteBuffer line = ByteBuffer.wrap(AuditLineCodec.line(entry));
    AuditFile current = file;
    if (current == null || (bytes == 0 && current.firstSeq() != seq)
        || (bytes > 0 && (bytes + line.remaining() > maxFileBytes || !today.equals(current.day())))) {
      current = roll(seq, today);
    }
    long end = bytes + line.remaining();
    try {
      FileChannel ch = channel(current);
      tailDirty = true;
      for (long p = bytes; line.hasRemaining(); ) {
        p += ch.write(line, p);
      }
      if (ch.size() > end) {
        ch.truncate(end);
      }
      ch.force(false);
      tailDirty = false;
    } catch (IOException e) {
      cutOff(current);
      throw new AuditLogException("audit log " + current.path() + ": cannot write seq " + seq + ": " + e, e);
    }
    bytes = end;
    nextSeq = seq + 1;
    prev = hash;
    return entry;
  }

  Snapshot snapshot() {
    return new Snapshot(List.copyOf(files), bytes);
  }

  /** The last entry's seq and hash, for anchoring the chain outside the log; seq 0 when empty. */
  long lastSeq() {
    return nextSeq - 1;
  }

  String lastHash() {
    return prev;
  }

  void close() {
    FileChannel ch = channel;
    channel = null;
    if (ch == null) {
      return;
    }
    try {
      ch.close();
    } catch (IOException e) {
      log.warn("closing the audit log file {}: {}", file, e.getMessage());
    }
  }

  private AuditFile roll(long firstSeq, LocalDate today) {
    AuditFile current = file;
    if (current != null && tailDirty) {
      cutOff(current);
    }
    AuditFile next = AuditFile.create(directory, today, firstSeq);
    FileChannel opened;
    try {
      opened = FileChannel.open(next.path(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      if (opened.size() != 0) {
        opened.close();
        throw new IOException("it exists and is not empty");
      }
      AuditFile.syncDirectory(directory);
    } catch (IOException e) {
      throw new AuditLogException("audit log: cannot start the file " + next.path() + ": " + e, e);
    }
    close();
    if (current != null && bytes == 0) {
      deleteEmpty(current);
    }
    channel = opened;
    file = next;
    files.add(next);
    bytes = 0;
    tailDirty = false;
    return next;
  }

  private void deleteEmpty(AuditFile empty) {
    try {
      Files.deleteIfExists(empty.path());
      files.remove(empty);
    } catch (IOException e) {
      log.warn("cannot remove the empty audit log file {}: {}", empty.path(), e.getMessage());
    }
  }

  /** An interrupt closes a FileChannel; the log must go on writing. */
  private FileChannel channel(AuditFile current) throws IOException {
    FileChannel ch = channel;
    if (ch == null || !ch.isOpen()) {
      ch = FileChannel.open(current.path(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      channel = ch;
    }
    return ch;
  }

  private void cutOff(AuditFile current) {
    try {
      channel(current).truncate(bytes);
      tailDirty = false;
    } catch (IOException e) {
      log.warn("cannot cut a failed write off {} at {} bytes: {}", current.path(), bytes, e.getMessage());
    }
  }
}
