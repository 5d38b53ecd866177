package dev.sightline.ingestlog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Shared helpers of the segment log tests. */
final class TestLogs {
  private TestLogs() {}

  static SegmentLog open(Path dir, long segmentBytes) {
    return SegmentLog.open(new SegmentLogConfig(dir, segmentBytes, 10_000, 1L << 30));
  }

  static byte[] payload(long i) {
    return ("payload-" + i).getBytes(StandardCharsets.UTF_8);
  }

  static String text(LogEntry entry) {
    return new String(entry.payload(), StandardCharsets.UTF_8);
  }

  static void appendAll(IngestLog log, int from, int to) throws Exception {
    for (int i = from; i <= to; i++) {
      log.append(LogEntry.Kind.TRACES, "t", payload(i)).get();
    }
  }

  /** Everything the reader returns until a poll comes back empty. */
  static List<LogEntry> drain(LogReader reader) throws InterruptedException {
    List<LogEntry> out = new ArrayList<>();
    while (true) {
      List<LogEntry> batch = reader.poll(100, 1 << 20, Duration.ofMillis(20));
      if (batch.isEmpty()) {
        return out;
      }
      out.addAll(batch);
    }
  }

  static List<LogEntry> readAll(IngestLog log, long after) throws InterruptedException {
    try (LogReader reader = log.openReader(after)) {
      return drain(reader);
    }
  }

  static List<Long> sequences(List<LogEntry> entries) {
    return entries.stream().map(LogEntry::sequence).toList();
  }

  static List<Long> range(long first, long last) {
    return java.util.stream.LongStream.rangeClosed(first, last).boxed().toList();
  }

  static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static long firstSequenceOf(Path file) {
    return Long.parseLong(file.getFileName().toString().substring(0, 20));
  }

  static List<Path> segmentFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
  }
}
