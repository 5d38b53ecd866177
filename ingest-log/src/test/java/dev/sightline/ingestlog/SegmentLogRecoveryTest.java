package dev.sightline.ingestlog;

import static dev.sightline.ingestlog.TestLogs.appendAll;
import static dev.sightline.ingestlog.TestLogs.firstSequenceOf;
import static dev.sightline.ingestlog.TestLogs.open;
import static dev.sightline.ingestlog.TestLogs.payload;
import static dev.sightline.ingestlog.TestLogs.range;
import static dev.sightline.ingestlog.TestLogs.readAll;
import static dev.sightline.ingestlog.TestLogs.segmentFiles;
import static dev.sightline.ingestlog.TestLogs.sequences;
import static dev.sightline.ingestlog.TestLogs.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes (torn tails) and damage on disk (corrupt entries). */
class SegmentLogRecoveryTest {
  @TempDir Path dir;

  @Test
  void aTornLastEntryIsCutOffAndAppendsContinue() throws Exception {
    try (SegmentLog log = open(dir, 1 << 20)) {
      appendAll(log, 1, 10);
    }
    Path segment = segmentFiles(dir).get(0);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 3); // the last entry loses its end, as in a crash mid-write
    }
    try (SegmentLog log = open(dir, 1 << 20)) {
      assertThat(log.lastSequence()).isEqualTo(9);
      assertThat(log.append(LogEntry.Kind.TRACES, "t", payload(99)).get()).isEqualTo(10);
      List<LogEntry> all = readAll(log, 0);
      assertThat(sequences(all)).containsExactlyElementsOf(range(1, 10));
      assertThat(text(all.get(8))).isEqualTo("payload-9");
      assertThat(text(all.get(9))).isEqualTo("payload-99");
    }
  }

  @Test
  void garbageAfterTheLastEntryIsCutOff() throws Exception {
    try (SegmentLog log = open(dir, 1 << 20)) {
      appendAll(log, 1, 1);
    }
    Path segment = segmentFiles(dir).get(0);
    long intact = Files.size(segment);
    Files.write(segment, new byte[] {0, 0, 0, 42, 1, 2, 3, 4, 5, 6, 7}, StandardOpenOption.APPEND);
    try (SegmentLog log = open(dir, 1 << 20)) {
      assertThat(Files.size(segment)).isEqualTo(intact);
      assertThat(readAll(log, 0)).hasSize(1);
      assertThat(log.append(LogEntry.Kind.TRACES, "t", payload(2)).get()).isEqualTo(2);
    }
  }

  @Test
  void aTornTailAfterSealedSegmentsIsCutOffOnlyThere() throws Exception {
    try (SegmentLog log = open(dir, 1024)) {
      appendAll(log, 1, 100);
    }
    List<Path> files = segmentFiles(dir);
    Path last = files.get(files.size() - 1);
    try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 1);
    }
    try (SegmentLog log = open(dir, 1024)) {
      assertThat(log.lastSequence()).isEqualTo(99);
      assertThat(segmentFiles(dir)).isEqualTo(files);
      assertThat(log.append(LogEntry.Kind.TRACES, "t", payload(100)).get()).isEqualTo(100);
      assertThat(sequences(readAll(log, 0))).containsExactlyElementsOf(range(1, 100));
      assertThat(log.corruptEntries()).isZero();
    }
  }

  @Test
  void anEmptyTrailingSegmentAndForeignFilesAreFine() throws Exception {
    try (SegmentLog log = open(dir, 1024)) {
      appendAll(log, 1, 100);
    }
    Files.createFile(Segment.pathFor(dir, 101)); // a crash right after a roll
    Files.writeString(dir.resolve("notes.seg"), "not a segment");
    try (SegmentLog log = open(dir, 1024)) {
      assertThat(log.lastSequence()).isEqualTo(100);
      assertThat(log.append(LogEntry.Kind.TRACES, "t", payload(101)).get()).isEqualTo(101);
      assertThat(sequences(readAll(log, 0))).containsExactlyElementsOf(range(1, 101));
    }
  }

  @Test
  void aCorruptEntryInASealedSegmentIsSkippedWithTheRestOfItAndCounted() throws Exception {
    try (SegmentLog log = open(dir, 1024)) {
      appendAll(log, 1, 60);
    }
    List<Path> files = segmentFiles(dir);
    assertThat(files).hasSizeGreaterThan(1);
    Path first = files.get(0);
    long size = Files.size(first);
    damagePayload(first, offsets(first).get(10)); // the entry with sequence 11
    try (SegmentLog log = open(dir, 1024)) {
      assertThat(Files.size(first)).as("sealed segments are not truncated on open").isEqualTo(size);
      List<Long> expected = new ArrayList<>(range(1, 10));
      expected.addAll(range(firstSequenceOf(files.get(1)), 60));
      assertThat(sequences(readAll(log, 0))).containsExactlyElementsOf(expected);
      assertThat(log.corruptEntries()).isEqualTo(1);
      assertThat(log.append(LogEntry.Kind.TRACES, "t", payload(61)).get()).isEqualTo(61);
    }
  }

  @Test
  void aCorruptEntryInTheActiveSegmentIsReportedOnceAndSkippedOnceSealed() throws Exception {
    try (SegmentLog log = open(dir, 1024); LogReader reader = log.openReader(0)) {
      appendAll(log, 1, 3);
      Path active = segmentFiles(dir).get(0);
      damagePayload(active, offsets(active).get(1));
      assertThat(sequences(reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(5)))).containsExactly(1L);
      assertThat(reader.poll(10, Long.MAX_VALUE, Duration.ofMillis(10))).isEmpty();
      appendAll(log, 4, 100);
      long second = firstSequenceOf(segmentFiles(dir).get(1));
      assertThat(sequences(TestLogs.drain(reader))).containsExactlyElementsOf(range(second, 100));
      assertThat(log.corruptEntries()).isEqualTo(1);
    }
  }

  /** Byte offsets of the entries in a segment file. */
  private static List<Long> offsets(Path file) throws Exception {
    List<Long> out = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long offset = 0;
      EntryCodec.Read read;
      while ((read = EntryCodec.frame(ch, offset, ch.size())) != null) {
        out.add(offset);
        offset += read.bytes();
      }
    }
    return out;
  }

  /** Flips a bit in the first payload byte of the entry at {@code offset} (tenant "t"). */
  private static void damagePayload(Path file, long offset) throws Exception {
    long at = offset + EntryCodec.HEADER + 8 + 1 + 2 + 1;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x01));
      ch.write(b.rewind(), at);
    }
  }
}
