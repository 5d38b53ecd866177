package dev.sightline.ingestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLogTest {
  @TempDir Path dir;

  private SegmentLog open(long segmentBytes) {
    return SegmentLog.open(new SegmentLogConfig(dir, segmentBytes, 10_000, 1L << 30));
  }

  private static byte[] payload(int i) {
    return ("payload-" + i).getBytes(StandardCharsets.UTF_8);
  }

  private static List<LogEntry> readAll(IngestLog log, long after) throws InterruptedException {
    List<LogEntry> out = new ArrayList<>();
    try (LogReader reader = log.openReader(after)) {
      while (true) {
        List<LogEntry> batch = reader.poll(100, 1 << 20, Duration.ofMillis(50));
        if (batch.isEmpty()) {
          return out;
        }
        out.addAll(batch);
      }
    }
  }

  @Test
  void concurrentAppendsGetContiguousSequencesAndAreGroupCommitted() throws Exception {
    try (SegmentLog log = open(8 * 1024)) {
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int base = t * 1000;
        Thread thread = new Thread(() -> {
          for (int i = 0; i < 500; i++) {
            CompletableFuture<Long> f = log.append(LogEntry.Kind.TRACES, "t", payload(base + i));
            synchronized (futures) {
              futures.add(f);
            }
          }
        });
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
      List<Long> sequences = new ArrayList<>();
      for (CompletableFuture<Long> f : futures) {
        sequences.add(f.get());
      }
      assertThat(sequences).hasSize(2000).doesNotHaveDuplicates();
      assertThat(sequences.stream().mapToLong(Long::longValue).max().getAsLong()).isEqualTo(2000);
      assertThat(log.fsyncs()).isLessThan(2000);
      assertThat(log.segmentCount()).isGreaterThan(1);
      List<LogEntry> read = readAll(log, 0);
      assertThat(read).extracting(LogEntry::sequence).containsExactlyElementsOf(
          java.util.stream.LongStream.rangeClosed(1, 2000).boxed().toList());
      assertThat(read).allSatisfy(e -> assertThat(new String(e.payload(), StandardCharsets.UTF_8)).startsWith("payload-"));
    }
  }

  @Test
  void sequencesContinueAfterReopenAndReadersStartAnywhere() throws Exception {
    try (SegmentLog log = open(1024)) {
      for (int i = 1; i <= 50; i++) {
        assertThat(log.append(LogEntry.Kind.LOGS, "tenant-" + i, payload(i)).get()).isEqualTo(i);
      }
    }
    try (SegmentLog log = open(1024)) {
      assertThat(log.lastSequence()).isEqualTo(50);
      assertThat(log.append(LogEntry.Kind.METRICS, "t", payload(51)).get()).isEqualTo(51);
      List<LogEntry> tail = readAll(log, 30);
      assertThat(tail).extracting(LogEntry::sequence).first().isEqualTo(31L);
      assertThat(tail).hasSize(21);
      assertThat(tail.get(0).tenant()).isEqualTo("tenant-31");
      assertThat(tail.get(20).kind()).isEqualTo(LogEntry.Kind.METRICS);
    }
  }

  @Test
  void aTornTailIsCutOffAndAppendsContinue() throws Exception {
    try (SegmentLog log = open(1 << 20)) {
      for (int i = 1; i <= 10; i++) {
        log.append(LogEntry.Kind.TRACES, "t", payload(i)).get();
      }
    }
    Path segment = segments().get(0);
    long size = Files.size(segment);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(size - 3); // the last entry loses its end, as in a crash mid-write
    }
    try (SegmentLog log = open(1 << 20)) {
      assertThat(log.lastSequence()).isEqualTo(9);
      assertThat(log.append(LogEntry.Kind.TRACES, "t", payload(99)).get()).isEqualTo(10);
      List<LogEntry> all = readAll(log, 0);
      assertThat(all).hasSize(10);
      assertThat(new String(all.get(9).payload(), StandardCharsets.UTF_8)).isEqualTo("payload-99");
    }
  }

  @Test
  void garbageAfterTheLastEntryIsCutOff() throws Exception {
    try (SegmentLog log = open(1 << 20)) {
      log.append(LogEntry.Kind.TRACES, "t", payload(1)).get();
    }
    Files.write(segments().get(0), new byte[] {0, 0, 0, 42, 1, 2, 3, 4, 5, 6, 7}, StandardOpenOption.APPEND);
    try (SegmentLog log = open(1 << 20)) {
      assertThat(readAll(log, 0)).hasSize(1);
      assertThat(log.append(LogEntry.Kind.TRACES, "t", payload(2)).get()).isEqualTo(2);
    }
  }

  @Test
  void aCorruptEntryInASealedSegmentIsSkippedAndCounted() throws Exception {
    try (SegmentLog log = open(1024)) {
      for (int i = 1; i <= 60; i++) {
        log.append(LogEntry.Kind.TRACES, "t", payload(i)).get();
      }
    }
    Path first = segments().get(0);
    byte[] bytes = Files.readAllBytes(first);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(first, bytes);
    try (SegmentLog log = open(1024)) {
      List<LogEntry> all = readAll(log, 0);
      assertThat(all.size()).isLessThan(60);
      assertThat(all.get(all.size() - 1).sequence()).isEqualTo(60);
      assertThat(all).extracting(LogEntry::sequence).isSorted();
    }
  }

  @Test
  void releaseDeletesOnlySealedStoredSegments() throws Exception {
    try (SegmentLog log = open(1024)) {
      for (int i = 1; i <= 100; i++) {
        log.append(LogEntry.Kind.TRACES, "t", payload(i)).get();
      }
      int before = log.segmentCount();
      assertThat(before).isGreaterThan(2);
      log.releaseUpTo(100);
      assertThat(log.segmentCount()).isEqualTo(1);
      assertThat(segments()).hasSize(1);
      assertThat(log.lastSequence()).isEqualTo(100);
    }
    try (SegmentLog log = open(1024)) {
      assertThat(log.append(LogEntry.Kind.TRACES, "t", payload(101)).get()).isEqualTo(101);
      assertThat(readAll(log, 100)).extracting(LogEntry::sequence).containsExactly(101L);
    }
  }

  @Test
  void refusesWhenTheBacklogIsOverItsLimit() throws Exception {
    try (SegmentLog log = SegmentLog.open(new SegmentLogConfig(dir, 1024, 100, 2048))) {
      for (int i = 0; i < 200; i++) {
        log.append(LogEntry.Kind.TRACES, "t", new byte[100]).exceptionally(e -> -1L).get();
      }
      assertThatThrownBy(() -> log.append(LogEntry.Kind.TRACES, "t", new byte[100]).get())
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(LogFullException.class, e -> assertThat(e.backlogFull()).isTrue());
      log.releaseUpTo(log.lastSequence());
      assertThat(log.append(LogEntry.Kind.TRACES, "t", new byte[100]).get()).isPositive();
    }
  }

  @Test
  void refusesWhenTheQueueIsFull() {
    try (SegmentLog log = SegmentLog.open(new SegmentLogConfig(dir, 1 << 20, 1, 1L << 30))) {
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        futures.add(log.append(LogEntry.Kind.TRACES, "t", new byte[1000]));
      }
      assertThat(futures).anySatisfy(f -> assertThatThrownBy(f::get).cause()
          .isInstanceOfSatisfying(LogFullException.class, e -> assertThat(e.backlogFull()).isFalse()));
    }
  }

  @Test
  void aWaitingReaderWakesWhenDataArrives() throws Exception {
    try (SegmentLog log = open(1 << 20); LogReader reader = log.openReader(0)) {
      CompletableFuture<List<LogEntry>> polled = CompletableFuture.supplyAsync(() -> {
        try {
          return reader.poll(10, 1 << 20, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      log.append(LogEntry.Kind.LOGS, "t", payload(1)).get();
      assertThat(polled.get()).extracting(LogEntry::sequence).containsExactly(1L);
    }
  }

  @Test
  void appendsAfterCloseFail() {
    SegmentLog log = open(1 << 20);
    log.close();
    assertThatThrownBy(() -> log.append(LogEntry.Kind.TRACES, "t", payload(1)).get())
        .cause().hasMessageContaining("closed");
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
  }
}
