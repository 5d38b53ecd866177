package dev.sightline.storage.duckdb;

import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.attr;
import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleMetrics.resourceMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.RollupAggregate;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.SampleSeries;
import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollup job: aggregates per window, counter resets, coverage and idempotence. */
class RollupJobTest {
  private static final long MINUTE = 60_000L;
  private static final long FIVE = 5 * MINUTE;
  private static final long HOUR = 60 * MINUTE;
  /** An hour boundary, so that windows are easy to count. */
  private static final long BASE = Math.floorDiv(T0 / MS, HOUR) * HOUR + HOUR;
  private static final SampleStoreConfig MANUAL = SampleStoreConfig.DEFAULT
      .withCompactionInterval(Duration.ZERO).withRollupInterval(Duration.ZERO);
  @TempDir Path dir;

  /** A counter of +10 a minute, reset at minute 7 (inside a window) and 10 (at a window's start). */
  static double counter(int i) {
    return i < 7 ? 10 * i : i < 10 ? 3 + 10 * (i - 7) : 1 + 10 * (i - 10);
  }

  static double gauge(int i) {
    return (i * 37) % 101 - 50;
  }

  static ResourceMetrics metric(String name, int from, int to, java.util.function.IntToDoubleFunction value) {
    Gauge.Builder g = Gauge.newBuilder();
    for (int i = from; i < to; i++) {
      g.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano((BASE + i * MINUTE) * MS)
          .setAsDouble(value.applyAsDouble(i)).addAttributes(attr("k", "a")));
    }
    return resourceMetrics(resource("api"), Metric.newBuilder().setName(name).setGauge(g).build());
  }

  /** Writes minutes {@code [from, to)} in batches of half an hour, within the out-of-order window. */
  static void write(DuckDbStorage s, int from, int to) {
    for (int m = from; m < to; m += 30) {
      write(s, s.writer().checkpoint() + 1, m, Math.min(to, m + 30));
    }
  }

  static void write(DuckDbStorage s, long seq, int from, int to) {
    s.writer().write(WriteBatch.of(List.of(new WriteBatch.Entry(seq, "t", new WriteBatch.Metrics(
        List.of(metric("c", from, to, RollupJobTest::counter), metric("g", from, to, RollupJobTest::gauge)))))));
  }

  static Optional<List<SampleSeries>> rollup(DuckDbStorage s, String name, long min, long max, long res,
      RollupAggregate a) {
    return s.samples().orElseThrow().selectRollup("t", List.of(LabelMatcher.eq("__name__", name)), min, max,
        SampleReader.SelectLimits.NONE, res, a);
  }

  static long rows(DuckDbStorage s, String sql) {
    return s.readersForTest(c -> {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void computesEveryClosedWindowFromTheChunks() {
    try (DuckDbStorage s = DuckDbStorage.open(dir, "256MB", MANUAL)) {
      write(s, 0, 240);
      s.computeRollups();
      // newest at minute 239, out-of-order window 1 h: 5-minute windows up to minute 175, hours up to 120
      assertThat(rows(s, "SELECT sum(windows) FROM rollups WHERE res_ms = 300000")).isEqualTo(2 * 35);
      assertThat(rows(s, "SELECT sum(windows) FROM rollups WHERE res_ms = 3600000")).isEqualTo(2 * 2);

      List<SampleSeries> max = rollup(s, "g", BASE, BASE + 170 * MINUTE, FIVE, RollupAggregate.MAX).orElseThrow();
      List<SampleSeries> min = rollup(s, "g", BASE, BASE + 170 * MINUTE, FIVE, RollupAggregate.MIN).orElseThrow();
      List<SampleSeries> sum = rollup(s, "g", BASE, BASE + 170 * MINUTE, FIVE, RollupAggregate.SUM).orElseThrow();
      List<SampleSeries> count = rollup(s, "g", BASE, BASE + 170 * MINUTE, FIVE, RollupAggregate.COUNT).orElseThrow();
      List<SampleSeries> last = rollup(s, "g", BASE, BASE + 170 * MINUTE, FIVE, RollupAggregate.LAST).orElseThrow();
      assertThat(max.get(0).timestamps()).hasSize(34).startsWith(BASE + 4 * MINUTE, BASE + 9 * MINUTE);
      for (int w = 0; w < 34; w++) {
        double mx = Double.NEGATIVE_INFINITY;
        double mn = Double.POSITIVE_INFINITY;
        double sm = 0;
        for (int i = 5 * w; i < 5 * w + 5; i++) {
          mx = Math.max(mx, gauge(i));
          mn = Math.min(mn, gauge(i));
          sm += gauge(i);
        }
        assertThat(max.get(0).values()[w]).isEqualTo(mx);
        assertThat(min.get(0).values()[w]).isEqualTo(mn);
        assertThat(sum.get(0).values()[w]).isEqualTo(sm);
        assertThat(count.get(0).values()[w]).isEqualTo(5);
        assertThat(last.get(0).values()[w]).isEqualTo(gauge(5 * w + 4));
      }

      // resets inside window 1 (minute 7: +10 +10 +3 +10 +10) and at the start of window 2 (minute 10: +1 +40)
      List<SampleSeries> counter = rollup(s, "c", BASE, BASE + 170 * MINUTE, FIVE, RollupAggregate.COUNTER).orElseThrow();
      double[] v = counter.get(0).values();
      assertThat(v[0]).isEqualTo(40);
      assertThat(v[1]).isEqualTo(40 + 43);
      assertThat(v[2]).isEqualTo(40 + 43 + 41);
      // no resets from then on: every window gains 50, as the raw counter does
      for (int w = 3; w < v.length; w++) {
        assertThat(v[w] - v[w - 1]).isCloseTo(50, within(1e-9));
      }
      List<SampleSeries> hourly = rollup(s, "c", BASE, BASE + 119 * MINUTE, HOUR, RollupAggregate.COUNTER).orElseThrow();
      assertThat(hourly.get(0).timestamps()).containsExactly(BASE + 59 * MINUTE, BASE + 119 * MINUTE);
      assertThat(hourly.get(0).values()[1] - hourly.get(0).values()[0]).isEqualTo(600);

      // windows not yet computed: the caller has to read raw samples
      assertThat(rollup(s, "g", BASE, BASE + 200 * MINUTE, FIVE, RollupAggregate.MAX)).isEmpty();
      assertThat(rollup(s, "g", BASE, BASE + 200 * MINUTE, 60_000, RollupAggregate.MAX)).isEmpty();
    }
  }

  @Test
  void aReopenedStoreNeitherRepeatsNorSkipsWindows() {
    try (DuckDbStorage s = DuckDbStorage.open(dir, "256MB", MANUAL)) {
      write(s, 0, 180);
      s.computeRollups();
    }
    try (DuckDbStorage s = DuckDbStorage.open(dir, "256MB", MANUAL)) {
      assertThat(s.computeRollups()).isZero();
      write(s, 180, 300);
      assertThat(s.computeRollups()).isPositive();
      assertThat(rows(s, "SELECT count(*) FROM (SELECT 1 FROM rollups GROUP BY series_id, res_ms, t_min HAVING count(*) > 1)"))
          .isZero();
      assertThat(rows(s, "SELECT sum(windows) FROM rollups WHERE res_ms = 300000")).isEqualTo(2 * 47);
      List<SampleSeries> counter = rollup(s, "c", BASE, BASE + 234 * MINUTE, FIVE, RollupAggregate.COUNTER).orElseThrow();
      double[] v = counter.get(0).values();
      List<Double> gains = new ArrayList<>();
      for (int w = 3; w < v.length; w++) {
        gains.add(v[w] - v[w - 1]);
      }
      // the window after the reopen counts its increase from the window before it
      assertThat(gains).allSatisfy(g -> assertThat(g).isCloseTo(50, within(1e-9)));
    }
  }
}
