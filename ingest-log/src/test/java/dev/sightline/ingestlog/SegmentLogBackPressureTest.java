package dev.sightline.ingestlog;

import static dev.sightline.ingestlog.TestLogs.open;
import static dev.sightline.ingestlog.TestLogs.payload;
import static dev.sightline.ingestlog.TestLogs.sequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals when the log cannot take more, and readers waiting for data. */
class SegmentLogBackPressureTest {
  @TempDir Path dir;

  @Test
  void refusesWhenTheQueueIsFull() throws Exception {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    try (SegmentLog log = SegmentLog.open(new SegmentLogConfig(dir, 1 << 20, 1, 1L << 40))) {
      // far faster than one fsync per append: the one-place queue overflows
      for (int i = 0; i < 10_000; i++) {
        futures.add(log.append(LogEntry.Kind.TRACES, "t", new byte[1000]));
      }
    }
    assertThat(futures).allMatch(CompletableFuture::isDone);
    assertThat(futures).anySatisfy(f -> assertThatThrownBy(f::get).cause()
        .isInstanceOfSatisfying(LogFullException.class, e -> {
          assertThat(e.backlogFull()).isFalse();
          assertThat(e.retryAfterSeconds()).isEqualTo(1);
        }));
  }

  @Test
  void refusesWhenTheBacklogIsOverItsLimitUntilTheConsumerReleases() throws Exception {
    try (SegmentLog log = SegmentLog.open(new SegmentLogConfig(dir, 1024, 100, 2048))) {
      LogFullException refused = null;
      for (int i = 0; i < 200 && refused == null; i++) {
        try {
          log.append(LogEntry.Kind.TRACES, "t", new byte[100]).get();
        } catch (ExecutionException e) {
          refused = (LogFullException) e.getCause();
        }
      }
      assertThat(refused).isNotNull();
      assertThat(refused.backlogFull()).isTrue();
      assertThat(refused.retryAfterSeconds()).isEqualTo(5);
      assertThat(log.bytesAfter(0)).isGreaterThan(2048);

      log.releaseUpTo(log.lastSequence());
      assertThat(log.bytesAfter(log.lastSequence())).isZero();
      assertThat(log.append(LogEntry.Kind.TRACES, "t", new byte[100]).get()).isPositive();
    }
  }

  @Test
  void aWaitingReaderWakesWhenDataArrives() throws Exception {
    try (SegmentLog log = open(dir, 1 << 20); LogReader reader = log.openReader(0)) {
      assertThat(reader.poll(10, 1 << 20, Duration.ofMillis(10))).isEmpty();
      CompletableFuture<List<LogEntry>> polled = CompletableFuture.supplyAsync(() -> {
        try {
          return reader.poll(10, 1 << 20, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      log.append(LogEntry.Kind.LOGS, "t", payload(1)).get();
      assertThat(sequences(polled.get(30, TimeUnit.SECONDS))).containsExactly(1L);
    }
  }

  @Test
  void pollReturnsAtMostTheRequestedEntriesAndAboutTheRequestedBytes() throws Exception {
    try (SegmentLog log = open(dir, 1 << 20); LogReader reader = log.openReader(0)) {
      TestLogs.appendAll(log, 1, 20);
      assertThat(reader.poll(5, Long.MAX_VALUE, Duration.ZERO)).hasSize(5);
      assertThat(sequences(reader.poll(100, 1, Duration.ZERO))).containsExactly(6L);
      assertThat(TestLogs.drain(reader)).hasSize(14);
      assertThatThrownBy(() -> reader.poll(0, 1, Duration.ZERO)).hasMessageContaining("maxEntries");
    }
  }
}
