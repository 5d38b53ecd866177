package dev.sightline.storage.clickhouse;

import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleData.resourceSpans;
import static dev.sightline.storage.tests.SampleData.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.sightline.storage.LogPartitions;
import dev.sightline.storage.LogQuery;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.tests.SampleData;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Workers sharing one database behind a partitioned log: a worker taking a partition over deletes
 * what any worker stored of it from the committed offset on, then stores it again; a worker that
 * lost a partition stores nothing more of it. Each trace ends up stored once.
 */
class ClickHousePartitionTest {
  private static final String P = "otlp-traces:0";

  /** What a Kafka worker tells its store: positions of local sequences, and the partitions it owns. */
  private static final class Partitions implements LogPartitions {
    final Map<Long, Position> positions = new ConcurrentHashMap<>();
    final Map<ByteString, Position> traces = new ConcurrentHashMap<>();
    final Set<String> owned = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<Position> positionOf(long sequence) {
      return Optional.ofNullable(positions.get(sequence));
    }

    @Override
    public Optional<Position> positionOfTrace(ByteString traceId) {
      return Optional.ofNullable(traces.get(traceId));
    }

    @Override
    public boolean writable(String partition) {
      return owned.contains(partition);
    }

    @Override
    public void whileOwned(Runnable write) {
      write.run();
    }
  }

  private static WriteBatch.Entry trace(long sequence, int trace) {
    return new WriteBatch.Entry(sequence, "t", new WriteBatch.Traces(List.of(
        resourceSpans(resource("svc"), span(trace, 1, 0, "op", trace, 10).build()))));
  }

  private static String id(int trace) {
    return HexFormat.of().formatHex(SampleData.traceId(trace).toByteArray());
  }

  private static Set<Integer> stored(ClickHouseStorage storage, int... traces) {
    Set<Integer> found = new HashSet<>();
    for (int t : traces) {
      List<?> spans = storage.traces().trace("t", id(t));
      assertThat(spans.size()).as("spans of trace %d", t).isLessThanOrEqualTo(1);
      if (!spans.isEmpty()) {
        found.add(t);
      }
    }
    return found;
  }

  @Test
  void aNewOwnerDeletesWhatWasStoredBeyondTheCommittedOffsetAndStoresItOnce(TestInfo test) {
    ClickHouseConfig config = ClickHouseProcess.shared().config(test.getTestMethod().orElseThrow().getName());
    Partitions first = new Partitions();
    Partitions second = new Partitions();
    try (ClickHouseStorage a = ClickHouseStorage.open(config.withWriter("worker-a"));
        ClickHouseStorage b = ClickHouseStorage.open(config.withWriter("worker-b"))) {
      a.partitioned(first);
      b.partitioned(second);
      first.owned.add(P);
      for (int i = 0; i < 4; i++) {
        first.positions.put(i + 1L, new LogPartitions.Position(P, 10 + i));
      }
      // Worker a stores offsets 10..13 of the partition, and an entry of its own (no partition).
      a.writer().write(WriteBatch.of(List.of(trace(1, 1), trace(2, 2), trace(3, 3), trace(4, 4), trace(5, 9))));
      assertThat(stored(a, 1, 2, 3, 4, 9)).containsExactlyInAnyOrder(1, 2, 3, 4, 9);

      // It dies having committed offset 12 only; worker b takes the partition over from there.
      b.claims().claim(P, 12);
      assertThat(stored(b, 1, 2, 3, 4, 9)).as("offsets 12 and 13 deleted, the rest kept")
          .containsExactlyInAnyOrder(1, 2, 9);
      second.owned.add(P);
      second.positions.put(1L, new LogPartitions.Position(P, 12));
      second.positions.put(2L, new LogPartitions.Position(P, 13));
      b.writer().write(WriteBatch.of(List.of(trace(1, 3), trace(2, 4))));
      assertThat(stored(b, 1, 2, 3, 4, 9)).containsExactlyInAnyOrder(1, 2, 3, 4, 9);

      // Claiming again from the same offset (b restarted before committing) deletes b's rows too.
      b.claims().claim(P, 12);
      assertThat(stored(b, 3, 4)).isEmpty();
      second.positions.put(3L, new LogPartitions.Position(P, 12));
      second.positions.put(4L, new LogPartitions.Position(P, 13));
      b.writer().write(WriteBatch.of(List.of(trace(3, 3), trace(4, 4))));
      assertThat(stored(b, 1, 2, 3, 4, 9)).containsExactlyInAnyOrder(1, 2, 3, 4, 9);
    }
  }

  @Test
  void aWorkerStoresNothingOfAPartitionItNoLongerOwns(TestInfo test) {
    ClickHouseConfig config = ClickHouseProcess.shared().config(test.getTestMethod().orElseThrow().getName());
    Partitions partitions = new Partitions();
    try (ClickHouseStorage a = ClickHouseStorage.open(config.withWriter("worker-a"))) {
      a.partitioned(partitions);
      partitions.positions.put(1L, new LogPartitions.Position(P, 0));
      partitions.positions.put(2L, new LogPartitions.Position("otlp-traces:1", 0));
      partitions.owned.add("otlp-traces:1");
      // The trace of partition 0 was held past the revocation: its next owner stores it.
      a.writer().write(WriteBatch.of(List.of(trace(1, 1), trace(2, 2))));
      assertThat(stored(a, 1, 2)).containsExactly(2);
      assertThat(a.droppedEntries()).isEqualTo(1);
      assertThat(a.writer().checkpoint()).as("the position still advances").isEqualTo(2);
    }
  }

  @Test
  void spansATailSamplerStoresLaterAreAttributedToTheFirstRecordOfTheirTrace(TestInfo test) {
    ClickHouseConfig config = ClickHouseProcess.shared().config(test.getTestMethod().orElseThrow().getName());
    Partitions partitions = new Partitions();
    try (ClickHouseStorage a = ClickHouseStorage.open(config.withWriter("worker-a"))) {
      a.partitioned(partitions);
      partitions.owned.addAll(List.of(P, "otlp-traces:1"));
      // Two traces held by a tail sampler, released together in the entry of a third record.
      // Two traces held by a tail sampler, released together in the sequence of a log record.
      partitions.owned.add("otlp-logs:0");
      partitions.positions.put(9L, new LogPartitions.Position("otlp-logs:0", 40));
      partitions.traces.put(SampleData.traceId(1), new LogPartitions.Position(P, 3));
      partitions.traces.put(SampleData.traceId(2), new LogPartitions.Position("otlp-traces:1", 7));
      a.writer().write(WriteBatch.of(List.of(new WriteBatch.Entry(9, "t", new WriteBatch.Traces(List.of(
          resourceSpans(resource("svc"), span(1, 1, 0, "op", 1, 10).build(), span(2, 1, 0, "op", 2, 10).build())))),
          new WriteBatch.Entry(9, "t", new WriteBatch.Logs(List.of(ResourceLogs.newBuilder().setResource(resource("svc"))
              .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setTimeUnixNano(SampleData.T0)
                  .setBody(AnyValue.newBuilder().setStringValue("hello")))).build()))))));
      assertThat(stored(a, 1, 2)).containsExactlyInAnyOrder(1, 2);
      a.claims().claim("otlp-logs:0", 40);
      assertThat(a.logs().search(LogQuery.builder("t").build()).items()).as("the log record read at offset 40").isEmpty();
      assertThat(stored(a, 1, 2)).as("spans at the same sequence, read from other partitions").containsExactlyInAnyOrder(1, 2);
      a.claims().claim(P, 3);
      assertThat(stored(a, 1, 2)).as("only the trace read from the claimed partition").containsExactly(2);
      a.claims().claim("otlp-traces:1", 40);
      assertThat(stored(a, 2)).as("trace 2 was read at offset 7, before 40").containsExactly(2);

      // A trace of a partition passed to another worker is left out of an entry; the rest is stored.
      partitions.owned.remove(P);
      partitions.traces.put(SampleData.traceId(3), new LogPartitions.Position(P, 5));
      partitions.traces.put(SampleData.traceId(4), new LogPartitions.Position("otlp-traces:1", 8));
      a.writer().write(WriteBatch.of(List.of(new WriteBatch.Entry(10, "t", new WriteBatch.Traces(List.of(
          resourceSpans(resource("svc"), span(3, 1, 0, "op", 3, 10).build(), span(4, 1, 0, "op", 4, 10).build())))))));
      assertThat(stored(a, 3, 4)).containsExactly(4);
      assertThat(a.droppedEntries()).isEqualTo(1);
    }
  }

  @Test
  void aClaimOfMoreEntriesThanOneStatementHoldsDeletesThemAll(TestInfo test) {
    ClickHouseConfig config = ClickHouseProcess.shared().config(test.getTestMethod().orElseThrow().getName());
    Partitions partitions = new Partitions();
    int entries = PartitionSources.TUPLES_PER_DELETE * 2 + 500;
    try (ClickHouseStorage a = ClickHouseStorage.open(config.withWriter("worker-with-a-long-name-" + "x".repeat(40)))) {
      a.partitioned(partitions);
      partitions.owned.add("otlp-logs:0");
      List<WriteBatch.Entry> batch = new java.util.ArrayList<>();
      for (int i = 1; i <= entries; i++) {
        partitions.positions.put((long) i, new LogPartitions.Position("otlp-logs:0", i));
        batch.add(new WriteBatch.Entry(i, "t", new WriteBatch.Logs(List.of(ResourceLogs.newBuilder()
            .setResource(resource("svc")).addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
                .setTimeUnixNano(SampleData.T0 + i).setBody(AnyValue.newBuilder().setStringValue("r" + i)))).build()))));
      }
      a.writer().write(WriteBatch.of(batch));
      a.claims().claim("otlp-logs:0", 1);
      assertThat(a.logs().search(LogQuery.builder("t").build()).items()).isEmpty();
    }
  }
}
