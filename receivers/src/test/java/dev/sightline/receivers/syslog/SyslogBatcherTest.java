package dev.sightline.receivers.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.ingestlog.LogFullException;
import dev.sightline.pipeline.SelfMetrics;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SyslogBatcherTest {
  private final SelfMetrics metrics = new SelfMetrics();
  private final List<ExportLogsServiceRequest> stored = new CopyOnWriteArrayList<>();
  private final AtomicBoolean full = new AtomicBoolean(true);
  private final Function<ExportLogsServiceRequest, CompletableFuture<?>> log = r -> {
    if (full.get()) {
      return CompletableFuture.failedFuture(new LogFullException("full", 1, false));
    }
    stored.add(r);
    return CompletableFuture.completedFuture(null);
  };

  private static ReceivedMessage message(String transport, int i) {
    return new ReceivedMessage(transport, "127.0.0.1", 1, "raw " + i, null, "test");
  }

  private static long records(List<ExportLogsServiceRequest> requests) {
    return requests.stream().flatMap(r -> r.getResourceLogsList().stream())
        .flatMap(rl -> rl.getScopeLogsList().stream()).mapToLong(s -> s.getLogRecordsCount()).sum();
  }

  @Test
  void aHoldingBatcherBlocksSendersWhileTheLogIsFullAndLosesNothing() throws Exception {
    SyslogBatcher batcher = new SyslogBatcher("tcp", true, 2, Duration.ofMillis(20), log, metrics);
    batcher.start();
    CountDownLatch sent = new CountDownLatch(1);
    Thread sender = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < 10; i++) {
          batcher.put(message("tcp", i));
        }
        sent.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(sent.await(300, TimeUnit.MILLISECONDS)).as("the sender waits while the log refuses").isFalse();
    full.set(false);
    assertThat(sent.await(30, TimeUnit.SECONDS)).isTrue();
    batcher.shutdown(Duration.ofSeconds(10));
    sender.join();
    assertThat(records(stored)).isEqualTo(10);
    assertThat(metrics.exposition()).doesNotContain("sightline_syslog_dropped_total{");
  }

  @Test
  void aDatagramBatcherDropsWhatTheFullLogRefusesAndCountsIt() {
    SyslogBatcher batcher = new SyslogBatcher("udp", false, 5, Duration.ofMillis(20), log, metrics);
    batcher.start();
    for (int i = 0; i < 3; i++) {
      batcher.offer(message("udp", i));
    }
    batcher.shutdown(Duration.ofSeconds(10));
    assertThat(stored).isEmpty();
    assertThat(metrics.value("sightline_syslog_dropped_total", "transport", "udp", "reason", "busy")).isEqualTo(3);
  }

  @Test
  void shutdownStoresWhatIsQueued() {
    full.set(false);
    SyslogBatcher batcher = new SyslogBatcher("tcp", true, 1000, Duration.ofHours(1), log, metrics);
    batcher.start();
    batcher.offer(message("tcp", 1));
    batcher.offer(message("tcp", 2));
    batcher.shutdown(Duration.ofSeconds(10));
    assertThat(records(stored)).isEqualTo(2);
  }
}
