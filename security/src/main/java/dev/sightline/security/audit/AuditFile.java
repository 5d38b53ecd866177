package dev.sightline.security.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One file of the audit log, named by the UTC day it was started and the seq of its first entry:
 * {@code audit-2026-01-01-00000000000000000001.jsonl}. Files are ordered by that seq, so a clock
 * set back does not reorder them.
 */
record AuditFile(Path path, LocalDate day, long firstSeq) {
  private static final Pattern NAME = Pattern.compile("audit-(\\d{4}-\\d{2}-\\d{2})-(\\d{20})\\.jsonl");

  /** Sees each line (without its newline) with its number from 1; returns false to stop. */
  interface LineVisitor {
    boolean visit(long lineNumber, byte[] line) throws IOException;
  }

  static AuditFile create(Path directory, LocalDate day, long firstSeq) {
    return new AuditFile(directory.resolve(String.format("audit-%s-%020d.jsonl", day, firstSeq)), day, firstSeq);
  }

  /** The log's files in seq order; other files in the directory are left alone. */
  static List<AuditFile> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(AuditFile::parse).flatMap(Stream::ofNullable)
          .sorted(Comparator.comparingLong(AuditFile::firstSeq)).toList();
    }
  }

  private static @Nullable AuditFile parse(Path path) {
    Matcher m = NAME.matcher(path.getFileName().toString());
    if (!m.matches()) {
      return null;
    }
    return new AuditFile(path, LocalDate.parse(m.group(1)), Long.parseLong(m.group(2)));
  }

  /** Reads the first {@code limit} bytes line by line; bytes after the last newline count as a line. */
  void forEachLine(long limit, LineVisitor visitor) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 64 * 1024)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(512);
      long number = 0;
      for (long read = 0; read < limit; read++) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        if (b == '\n') {
          if (!visitor.visit(++number, line.toByteArray())) {
            return;
          }
          line.reset();
        } else {
          line.write(b);
        }
      }
      if (line.size() > 0) {
        visitor.visit(++number, line.toByteArray());
      }
    }
  }

  /** Makes a new file's name durable; without this a crash could lose the whole file. */
  static void syncDirectory(Path directory) {
    try (FileChannel d = FileChannel.open(directory, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory to sync it; file creation is then as durable as they make it.
    }
  }
}
