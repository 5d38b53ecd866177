package dev.sightline.ingestlog;

import static dev.sightline.ingestlog.TestLogs.appendAll;
import static dev.sightline.ingestlog.TestLogs.open;
import static dev.sightline.ingestlog.TestLogs.payload;
import static dev.sightline.ingestlog.TestLogs.range;
import static dev.sightline.ingestlog.TestLogs.readAll;
import static dev.sightline.ingestlog.TestLogs.segmentFiles;
import static dev.sightline.ingestlog.TestLogs.sequences;
import static dev.sightline.ingestlog.TestLogs.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLogTest {
  @TempDir Path dir;

  @Test
  void concurrentAppendsGetContiguousSequencesAndAreGroupCommitted() throws Exception {
    int threads = 4;
    int perThread = 500;
    try (SegmentLog log = open(dir, 8 * 1024)) {
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      List<Thread> appenders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * perThread;
        Thread thread = new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            CompletableFuture<Long> f = log.append(LogEntry.Kind.TRACES, "tenant", payload(base + i));
            synchronized (futures) {
              futures.add(f);
            }
          }
        });
        thread.start();
        appenders.add(thread);
      }
      for (Thread thread : appenders) {
        thread.join();
      }
      Set<Long> assigned = new HashSet<>();
      for (CompletableFuture<Long> f : futures) {
        assigned.add(f.get(30, TimeUnit.SECONDS));
      }
      int total = threads * perThread;
      assertThat(assigned).containsExactlyInAnyOrderElementsOf(range(1, total));
      assertThat(log.appendedEntries()).isEqualTo(total);
      assertThat(log.fsyncs()).as("group commit").isLessThan(total);
      assertThat(log.segmentCount()).isGreaterThan(1);

      List<LogEntry> read = readAll(log, 0);
      assertThat(sequences(read)).containsExactlyElementsOf(range(1, total));
      assertThat(read).extracting(TestLogs::text)
          .containsExactlyInAnyOrderElementsOf(range(0, total - 1).stream().map(i -> "payload-" + i).toList());
      assertThat(read).allSatisfy(e -> assertThat(e.tenant()).isEqualTo("tenant"));
    }
  }

  @Test
  void sequencesContinueAfterReopenAndReadersStartAnywhere() throws Exception {
    try (SegmentLog log = open(dir, 1024)) {
      for (int i = 1; i <= 50; i++) {
        assertThat(log.append(LogEntry.Kind.LOGS, "tenant-" + i, payload(i)).get()).isEqualTo(i);
      }
    }
    try (SegmentLog log = open(dir, 1024)) {
      assertThat(log.lastSequence()).isEqualTo(50);
      assertThat(log.append(LogEntry.Kind.METRICS, "t", payload(51)).get()).isEqualTo(51);
      List<LogEntry> tail = readAll(log, 30);
      assertThat(sequences(tail)).containsExactlyElementsOf(range(31, 51));
      assertThat(tail.get(0).tenant()).isEqualTo("tenant-31");
      assertThat(text(tail.get(0))).isEqualTo("payload-31");
      assertThat(tail.get(20).kind()).isEqualTo(LogEntry.Kind.METRICS);
    }
  }

  @Test
  void keepsTheSendersAddressWithAnEntry() throws Exception {
    try (SegmentLog log = open(dir, 1 << 20)) {
      log.append(LogEntry.Kind.TRACES, "acme", "10.1.2.3", payload(1)).get();
      log.append(LogEntry.Kind.TRACES, "acme", payload(2)).get();
      assertThat(log.append(LogEntry.Kind.TRACES, "ac\0me", "x", payload(3)))
          .failsWithin(java.time.Duration.ofSeconds(5)).withThrowableThat().withMessageContaining("NUL");
    }
    try (SegmentLog log = open(dir, 1 << 20)) {
      List<LogEntry> all = readAll(log, 0);
      assertThat(all).extracting(LogEntry::tenant).containsExactly("acme", "acme");
      assertThat(all).extracting(LogEntry::peer).containsExactly("10.1.2.3", "");
      assertThat(text(all.get(0))).isEqualTo("payload-1");
    }
  }

  @Test
  void segmentsRollNearTheirSizeAndAreNamedByTheirFirstSequence() throws Exception {
    try (SegmentLog log = open(dir, 1024)) {
      appendAll(log, 1, 100);
      List<Path> files = segmentFiles(dir);
      assertThat(files).hasSize(log.segmentCount()).hasSizeGreaterThan(2);
      assertThat(files.get(0).getFileName()).hasToString("00000000000000000001.seg");
      for (Path file : files.subList(0, files.size() - 1)) {
        assertThat(Files.size(file)).isBetween(1024L, 1024L + 64);
      }
      for (Path file : files) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
          long first = TestLogs.firstSequenceOf(file);
          assertThat(EntryCodec.frame(ch, 0, ch.size()).sequence()).isEqualTo(first);
        }
      }
      assertThat(log.durableBytes()).isEqualTo(files.stream().mapToLong(TestLogs::sizeOf).sum());
    }
  }

  @Test
  void releaseDeletesOnlySealedSegmentsThatWereFullyStored() throws Exception {
    try (SegmentLog log = open(dir, 1024)) {
      appendAll(log, 1, 100);
      List<Path> before = segmentFiles(dir);
      long secondFirst = TestLogs.firstSequenceOf(before.get(1));

      log.releaseUpTo(secondFirst - 2); // the first segment still holds an unstored entry
      assertThat(segmentFiles(dir)).isEqualTo(before);
      log.releaseUpTo(secondFirst - 1);
      assertThat(segmentFiles(dir)).isEqualTo(before.subList(1, before.size()));

      log.releaseUpTo(Long.MAX_VALUE); // the active segment stays, whatever is released
      assertThat(segmentFiles(dir)).containsExactly(before.get(before.size() - 1));
      assertThat(log.segmentCount()).isEqualTo(1);
      assertThat(log.lastSequence()).isEqualTo(100);
    }
    try (SegmentLog log = open(dir, 1024)) {
      assertThat(log.append(LogEntry.Kind.TRACES, "t", payload(101)).get()).isEqualTo(101);
      assertThat(sequences(readAll(log, 100))).containsExactly(101L);
    }
  }

  @Test
  void aReaderGoesOnWhileSegmentsBelowItAreReleased() throws Exception {
    try (SegmentLog log = open(dir, 1024); LogReader reader = log.openReader(0)) {
      appendAll(log, 1, 100);
      List<LogEntry> first = reader.poll(60, Long.MAX_VALUE, java.time.Duration.ofSeconds(5));
      assertThat(sequences(first)).containsExactlyElementsOf(range(1, 60));
      int before = segmentFiles(dir).size();
      log.releaseUpTo(60);
      assertThat(segmentFiles(dir).size()).isLessThan(before);
      List<LogEntry> rest = TestLogs.drain(reader);
      assertThat(sequences(rest)).containsExactlyElementsOf(range(61, 100));
    }
  }

  @Test
  void aReaderBehindReleasedSegmentsStartsAtTheOldestLeft() throws Exception {
    try (SegmentLog log = open(dir, 1024)) {
      appendAll(log, 1, 100);
      log.releaseUpTo(50);
      Path oldest = segmentFiles(dir).get(0);
      long oldestFirst = TestLogs.firstSequenceOf(oldest);
      assertThat(sequences(readAll(log, 0))).containsExactlyElementsOf(range(oldestFirst, 100));
    }
  }

  @Test
  void closeMakesQueuedAppendsDurableAndLaterAppendsFail() throws Exception {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    SegmentLog log = open(dir, 4096);
    for (int i = 1; i <= 1000; i++) {
      futures.add(log.append(LogEntry.Kind.TRACES, "t", payload(i)));
    }
    log.close();
    log.close();
    for (CompletableFuture<Long> f : futures) {
      assertThat(f).isCompleted();
      assertThat(f.get()).isPositive();
    }
    assertThatThrownBy(() -> log.append(LogEntry.Kind.TRACES, "t", payload(0)).get())
        .cause().isInstanceOf(IllegalStateException.class).hasMessage("ingest log is closed");
    try (SegmentLog reopened = open(dir, 4096)) {
      assertThat(reopened.lastSequence()).isEqualTo(1000);
      assertThat(readAll(reopened, 0)).hasSize(1000);
    }
  }

  @Test
  void badInputFailsOnlyItsOwnAppend() throws Exception {
    try (SegmentLog log = open(dir, 4096)) {
      String tenant = "x".repeat(EntryCodec.MAX_TENANT_BYTES + 1);
      assertThatThrownBy(() -> log.append(LogEntry.Kind.TRACES, tenant, payload(1)).get())
          .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant");
      assertThatThrownBy(() -> log.append(null, "t", payload(1))).hasMessage("kind");
      assertThat(log.append(LogEntry.Kind.TRACES, "t", payload(1)).get()).isEqualTo(1);
    }
  }
}
