package dev.sightline.storage.duckdb;

import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.attr;
import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleMetrics.resourceMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.SampleSeries;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.duckdb.chunk.ChunkCodec;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB sample store beyond the conformance kit: recovery, compaction, the window setting. */
class SampleStoreTest {
  private static final long T = T0 / MS;
  private static final SampleStoreConfig MANUAL = SampleStoreConfig.DEFAULT.withCompactionInterval(Duration.ZERO);
  @TempDir Path dir;

  static ResourceMetrics gauge(String name, long fromMs, int count, double start) {
    Gauge.Builder g = Gauge.newBuilder();
    for (int i = 0; i < count; i++) {
      g.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + (fromMs + i * 15_000L) * MS)
          .setAsDouble(start + i).addAttributes(attr("k", "a")));
    }
    return resourceMetrics(resource("api"), Metric.newBuilder().setName(name).setGauge(g).build());
  }

  static WriteBatch batch(long seq, ResourceMetrics... data) {
    return WriteBatch.of(List.of(new WriteBatch.Entry(seq, "t", new WriteBatch.Metrics(List.of(data)))));
  }

  static List<SampleSeries> select(DuckDbStorage s, String name) {
    return s.samples().orElseThrow().select("t", List.of(LabelMatcher.eq("__name__", name)), Long.MIN_VALUE,
        Long.MAX_VALUE, SampleReader.SelectLimits.NONE);
  }

  @Test
  void rowsOfABatchCutShortByACrashAreRemovedOnStart() throws Exception {
    try (DuckDbStorage s = DuckDbStorage.open(dir, "256MB", MANUAL)) {
      s.writer().write(batch(1, gauge("g", 0, 2, 1)));
    }
    // what a kill -9 between the appenders' flush and the checkpoint update leaves behind
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("sightline.duckdb"));
        PreparedStatement chunk = c.prepareStatement("INSERT INTO chunks VALUES ('t', ?, ?, ?, 1, 2, 0, ?)");
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO series VALUES ('t', 2, 'h', '{\"__name__\":\"h\"}', 7, 2)");
      for (int id : new int[] {1, 2}) {
        chunk.setInt(1, id);
        chunk.setLong(2, T + 30_000);
        chunk.setLong(3, T + 30_000);
        chunk.setBytes(4, ChunkCodec.encode(new long[] {T + 30_000}, new double[] {99}, 1));
        chunk.executeUpdate();
      }
    }
    try (DuckDbStorage s = DuckDbStorage.open(dir, "256MB", MANUAL)) {
      assertThat(select(s, "h")).isEmpty();
      assertThat(select(s, "g")).singleElement().satisfies(x -> assertThat(x.values()).containsExactly(1, 2));
      s.writer().write(batch(2, gauge("g", 30_000, 1, 3), gauge("h", 0, 1, 5)));
      assertThat(select(s, "g")).singleElement().satisfies(x -> assertThat(x.values()).containsExactly(1, 2, 3));
      assertThat(select(s, "h")).singleElement().satisfies(x -> assertThat(x.values()).containsExactly(5));
    }
  }

  @Test
  void aFailedBatchLeavesNoSamplesOrSeriesAndCanBeRetried() {
    ResourceMetrics broken = resourceMetrics(resource("api"), Metric.newBuilder().setName("no data").build());
    try (DuckDbStorage s = DuckDbStorage.open(dir, "256MB", MANUAL)) {
      WriteBatch failing = WriteBatch.of(List.of(
          new WriteBatch.Entry(1, "t", new WriteBatch.Metrics(List.of(gauge("g", 0, 2, 1)))),
          new WriteBatch.Entry(2, "t", new WriteBatch.Metrics(List.of(gauge("h", 0, 1, 1), broken)))));
      assertThatThrownBy(() -> s.writer().write(failing)).isInstanceOf(StorageException.class);
      assertThat(select(s, "g")).isEmpty();
      assertThat(s.samples().orElseThrow().labelValues("t", "__name__", List.of(), Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
      s.writer().write(batch(1, gauge("g", 0, 2, 1)));
      s.writer().write(batch(2, gauge("h", 0, 1, 1)));
      assertThat(select(s, "g")).singleElement().satisfies(x -> assertThat(x.values()).containsExactly(1, 2));
      assertThat(select(s, "h")).hasSize(1);
    }
  }

  @Test
  void compactionMergesChunksKeepingEverySampleOnce() throws Exception {
    try (DuckDbStorage s = DuckDbStorage.open(dir, "256MB", MANUAL)) {
      long seq = 0;
      for (int i = 0; i < 600; i++) {
        s.writer().write(batch(++seq, gauge("g", i * 15_000L, 1, i)));
      }
      s.writer().write(batch(++seq, gauge("g", 0, 3, 100))); // rewrites 0, 15 s, 30 s (behind by 2.5 h: rejected)
      s.writer().write(batch(++seq, gauge("g", 599 * 15_000L - 60_000, 1, 1000))); // rewrites sample 595
      assertThat(s.compactSamples(2)).isEqualTo(1);
      assertThat(s.sampleCounts()).containsEntry("rejected_out_of_order_window", 3L).containsEntry("accepted", 601L);
      List<SampleSeries> g = select(s, "g");
      assertThat(g).singleElement().satisfies(x -> {
        assertThat(x.size()).isEqualTo(600);
        assertThat(x.values()[595]).isEqualTo(1000);
        assertThat(x.values()[596]).isEqualTo(596);
        for (int i = 1; i < x.size(); i++) {
          assertThat(x.timestamps()[i] - x.timestamps()[i - 1]).isEqualTo(15_000);
        }
      });
      s.readersForTest(c -> {
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT count(*), sum(n), max(n), count(*) FILTER (WHERE level = 0) FROM chunks")) {
          rs.next();
          assertThat(rs.getLong(2)).isEqualTo(600);
          assertThat(rs.getInt(3)).isLessThanOrEqualTo(480); // 2 h at 15 s
          assertThat(rs.getLong(4)).isZero();
        }
        return null;
      });
      s.writer().write(batch(++seq, gauge("g", 600 * 15_000L, 1, 600)));
      assertThat(s.compactSamples(1)).isEqualTo(1);
      assertThat(select(s, "g").get(0).size()).isEqualTo(601);
    }
    try (DuckDbStorage s = DuckDbStorage.open(dir, "256MB", MANUAL)) {
      assertThat(select(s, "g").get(0).size()).isEqualTo(601);
    }
  }

  @Test
  void theOutOfOrderWindowIsConfigurable() {
    try (DuckDbStorage s = DuckDbStorage.open(dir, "256MB", MANUAL.withOutOfOrderWindow(Duration.ofSeconds(20)))) {
      s.writer().write(batch(1, gauge("g", 60_000, 1, 1)));
      s.writer().write(batch(2, gauge("g", 45_000, 1, 2), gauge("g", 30_000, 1, 3)));
      assertThat(select(s, "g").get(0).timestamps()).containsExactly(T + 45_000, T + 60_000);
      assertThat(s.sampleCounts()).containsEntry("rejected_out_of_order_window", 1L);
    }
  }

  @Test
  void aBackfillInOneBatchKeepsEverySampleThatCameInOrder() {
    try (DuckDbStorage s = DuckDbStorage.open(dir, "256MB", MANUAL.withOutOfOrderWindow(Duration.ofMinutes(1)))) {
      // 3 hours at 15 s in one batch, in order: far wider than the window, all kept.
      s.writer().write(batch(1, gauge("g", 0, 720, 0)));
      assertThat(select(s, "g").get(0).size()).isEqualTo(720);
      // then one that arrives 10 minutes behind the newest: left out and counted.
      s.writer().write(batch(2, gauge("g", 720 * 15_000L - 600_000, 1, 5)));
      assertThat(select(s, "g").get(0).size()).isEqualTo(720);
      assertThat(s.sampleCounts()).containsEntry("rejected_out_of_order_window", 1L);
    }
  }
}
