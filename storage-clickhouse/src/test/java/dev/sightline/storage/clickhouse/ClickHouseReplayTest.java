package dev.sightline.storage.clickhouse;

import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleData.resourceSpans;
import static dev.sightline.storage.tests.SampleData.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.storage.StorageException;
import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.tests.SampleData;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Rows of a batch that did not reach its checkpoint — cut short by a crash or failed part-way —
 * are deleted before anything else is written, so replaying the batch shows nothing twice.
 */
class ClickHouseReplayTest {
  private static final String TRACE = HexFormat.of().formatHex(SampleData.traceId(1).toByteArray());
  private static final WriteBatch.Entry SPANS = new WriteBatch.Entry(1, "t",
      new WriteBatch.Traces(List.of(resourceSpans(resource("a"), span(1, 1, 0, "root", 0, 10).build()))));
  private static final WriteBatch.Entry LOGS = new WriteBatch.Entry(2, "t", new WriteBatch.Logs(List.of(
      ResourceLogs.newBuilder().setResource(resource("a")).addScopeLogs(ScopeLogs.newBuilder()
          .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(SampleData.T0)
              .setBody(AnyValue.newBuilder().setStringValue("hello")))).build())));

  @Test
  void aCrashBeforeTheCheckpointLeavesRowsThatOpeningDeletes(TestInfo test) {
    ClickHouseConfig config = ClickHouseProcess.shared().config(test.getTestMethod().orElseThrow().getName());
    try (ClickHouseStorage storage = ClickHouseStorage.open(config)) {
      storage.writer().write(WriteBatch.of(List.of(SPANS, LOGS)));
    }
    // The rows are stored but the checkpoint row is not: what a crash between the two leaves.
    ClickHouseHttp http = new ClickHouseHttp(config, config.database(), java.time.Clock.systemUTC());
    http.execute("forgetting the checkpoint", "ALTER TABLE checkpoint DELETE WHERE position = 2");
    awaitNoMutations(http);

    try (ClickHouseStorage storage = ClickHouseStorage.open(config)) {
      assertThat(storage.writer().checkpoint()).isZero();
      assertThat(storage.traces().trace("t", TRACE)).isEmpty();
      storage.writer().write(WriteBatch.of(List.of(SPANS, LOGS)));
      assertThat(storage.traces().trace("t", TRACE)).hasSize(1);
      assertThat(storage.traces().services("t")).containsExactly("a");
      assertThat(storage.logs().search(dev.sightline.storage.LogQuery.builder("t").build()).items()).hasSize(1);
    }
  }

  @Test
  void aBatchThatFailsPartWayIsDeletedAndCanBeRetried(TestInfo test) {
    ClickHouseConfig config = ClickHouseProcess.shared().config(test.getTestMethod().orElseThrow().getName())
        .withInsertBatchRows(1);
    try (ClickHouseStorage storage = ClickHouseStorage.open(config)) {
      ClickHouseHttp http = new ClickHouseHttp(config, config.database(), java.time.Clock.systemUTC());
      http.execute("dropping the logs table", "DROP TABLE logs");
      // One row per insert: the spans are sent before the log insert fails.
      assertThatThrownBy(() -> storage.writer().write(WriteBatch.of(List.of(SPANS, LOGS))))
          .isInstanceOf(StorageException.class).hasMessageContaining("logs");
      assertThat(storage.writer().checkpoint()).isZero();
      assertThat(storage.traces().trace("t", TRACE)).isEmpty();
    }
    try (ClickHouseStorage storage = ClickHouseStorage.open(config)) {
      storage.writer().write(WriteBatch.of(List.of(SPANS, LOGS)));
      assertThat(storage.traces().trace("t", TRACE)).hasSize(1);
    }
  }

  @Test
  void writersSharingADatabaseKeepTheirOwnCheckpointsAndRows(TestInfo test) {
    ClickHouseConfig config = ClickHouseProcess.shared().config(test.getTestMethod().orElseThrow().getName());
    WriteBatch.Entry other = new WriteBatch.Entry(1, "t", new WriteBatch.Traces(List.of(
        resourceSpans(resource("b"), span(2, 2, 0, "other", 0, 10).build()))));
    try (ClickHouseStorage a = ClickHouseStorage.open(config.withWriter("worker-a"))) {
      a.writer().write(WriteBatch.of(List.of(SPANS, LOGS)));
      // Opening a second writer must not take the first one's rows for an interrupted batch.
      try (ClickHouseStorage b = ClickHouseStorage.open(config.withWriter("worker-b"))) {
        assertThat(b.writer().checkpoint()).isZero();
        b.writer().write(WriteBatch.of(List.of(other)));
        assertThat(b.traces().trace("t", TRACE)).hasSize(1);
        assertThat(b.traces().services("t")).containsExactly("a", "b");
      }
    }
    try (ClickHouseStorage a = ClickHouseStorage.open(config.withWriter("worker-a"))) {
      assertThat(a.writer().checkpoint()).isEqualTo(2);
    }
  }

  private static void awaitNoMutations(ClickHouseHttp http) {
    for (int i = 0; i < 200; i++) {
      if (http.query("", "SELECT count() FROM system.mutations WHERE is_done = 0").int64() == 0) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
