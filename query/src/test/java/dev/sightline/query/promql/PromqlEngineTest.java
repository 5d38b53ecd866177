package dev.sightline.query.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sightline.query.promql.QueryResult.MatrixResult;
import dev.sightline.query.promql.QueryResult.ScalarResult;
import dev.sightline.query.promql.QueryResult.VectorResult;
import dev.sightline.storage.StaleMarker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromqlEngineTest {
  private final InMemorySampleReader reader = new InMemorySampleReader();
  private final PromqlEngine engine = PromqlEngine.builder(reader).build();

  /** Samples every 15s from 0 with the given values. */
  private void series(Map<String, String> labels, double... values) {
    long[] ts = new long[values.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = i * 15_000L;
    }
    reader.add(labels, ts, values);
  }

  @Test
  void rangeQueryOfRateHandlesCounterResetsAndExtrapolates() {
    series(Map.of("__name__", "c", "job", "a"), 0, 10, 20, 5, 15, 25, 35, 45, 55);
    MatrixResult m = (MatrixResult) engine.rangeQuery("t", "rate(c[1m])", 60_000, 120_000, 30_000);
    assertThat(m.series()).hasSize(1);
    QueryResult.Series s = m.series().getFirst();
    assertThat(s.labels()).isEqualTo(Map.of("job", "a"));
    assertThat(s.timestamps()).containsExactly(60_000, 90_000, 120_000);
    // At 60s the window [0s, 60s] has 0 10 20 5 15: increase 20 + 15 = 35 over 60s sampled,
    // no extrapolation needed as the samples touch both ends.
    assertThat(s.values()[0]).isCloseTo(35.0 / 60, within(1e-12));
    // At 120s: [60s, 120s] has 15 25 35 45 55: 40 over 60s.
    assertThat(s.values()[2]).isCloseTo(40.0 / 60, within(1e-12));
    assertThat(reader.selects).isEqualTo(1);
  }

  @Test
  void instantSelectorsLookBackAndStopAtStaleMarkers() {
    reader.add(Map.of("__name__", "g"), new long[] {0, 60_000, 120_000},
        new double[] {1, 2, StaleMarker.VALUE});
    MatrixResult m = (MatrixResult) engine.rangeQuery("t", "g", 0, 500_000, 60_000);
    assertThat(m.series().getFirst().timestamps()).containsExactly(0, 60_000);
    MatrixResult noStale = (MatrixResult) engine.rangeQuery("t", "g offset 1m", 0, 500_000, 60_000);
    assertThat(noStale.series().getFirst().timestamps()).containsExactly(60_000, 120_000);
    VectorResult v = (VectorResult) engine.instantQuery("t", "g", 119_999);
    assertThat(v.samples().getFirst().value()).isEqualTo(2);
    assertThat(((VectorResult) engine.instantQuery("t", "g", 60_000 + 300_001)).samples()).isEmpty();
  }

  @Test
  void rangeSelectorsIncludeBothEndsAsPrometheus2Does() {
    series(Map.of("__name__", "x"), 1, 2, 3, 4, 5);
    MatrixResult m = (MatrixResult) engine.instantQuery("t", "x[30s]", 45_000);
    assertThat(m.series().getFirst().timestamps()).containsExactly(15_000, 30_000, 45_000);
  }

  @Test
  void subqueryStepsAreAlignedToAbsoluteTime() {
    series(Map.of("__name__", "x"), 1, 2, 3, 4, 5, 6, 7, 8);
    MatrixResult m = (MatrixResult) engine.instantQuery("t", "x[50s:20s]", 70_000);
    assertThat(m.series().getFirst().timestamps()).containsExactly(20_000, 40_000, 60_000);
    assertThat(m.series().getFirst().values()).containsExactly(2, 3, 5);
  }

  @Test
  void scalarsInRangeQueriesBecomeOneSeries() {
    MatrixResult m = (MatrixResult) engine.rangeQuery("t", "time() * 2", 0, 2_000, 1_000);
    assertThat(m.series().getFirst().labels()).isEmpty();
    assertThat(m.series().getFirst().values()).containsExactly(0, 2, 4);
    assertThat(engine.instantQuery("t", "1 + 2", 5_000)).isEqualTo(new ScalarResult(5_000, 3));
  }

  @Test
  void topkAndSortOrderInstantResults() {
    series(Map.of("__name__", "x", "i", "a"), 3);
    series(Map.of("__name__", "x", "i", "b"), 1);
    series(Map.of("__name__", "x", "i", "c"), 2);
    VectorResult top = (VectorResult) engine.instantQuery("t", "topk(2, x)", 0);
    assertThat(top.samples()).extracting(QueryResult.Sample::value).containsExactly(3.0, 2.0);
    VectorResult sorted = (VectorResult) engine.instantQuery("t", "sort(x)", 0);
    assertThat(sorted.samples()).extracting(QueryResult.Sample::value).containsExactly(1.0, 2.0, 3.0);
  }

  @Test
  void manyToManyMatchingFails() {
    series(Map.of("__name__", "a", "x", "1", "y", "1"), 1);
    series(Map.of("__name__", "a", "x", "1", "y", "2"), 1);
    series(Map.of("__name__", "b", "x", "1"), 1);
    assertThatThrownBy(() -> engine.instantQuery("t", "b + on(x) a", 0))
        .isInstanceOfSatisfying(PromqlException.class,
            e -> assertThat(e.type()).isEqualTo(PromqlException.ErrorType.EXECUTION))
        .hasMessageContaining("found duplicate series for the match group {x=\"1\"} on the right hand-side")
        .hasMessageEndingWith("many-to-many matching not allowed: matching labels must be unique on one side");
    assertThatThrownBy(() -> engine.instantQuery("t", "a + on(x) b", 0))
        .hasMessage("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
    VectorResult v = (VectorResult) engine.instantQuery("t", "a + on(x) group_left b", 0);
    assertThat(v.samples()).hasSize(2);
  }

  @Test
  void limits() {
    series(Map.of("__name__", "x"), 1, 2, 3);
    assertThatThrownBy(() -> engine.rangeQuery("t", "x", 0, 11_001_000, 1_000))
        .hasMessage("exceeded maximum resolution of 11,000 points per timeseries. "
            + "Try decreasing the query resolution (?step=XX)");
    PromqlEngine small = PromqlEngine.builder(reader).maxSamples(2).build();
    assertThatThrownBy(() -> small.rangeQuery("t", "x", 0, 30_000, 15_000))
        .hasMessage("query processing would load too many samples into memory in query execution");
    assertThatThrownBy(() -> engine.rangeQuery("t", "x[5m]", 0, 30_000, 15_000))
        .isInstanceOfSatisfying(PromqlException.class,
            e -> assertThat(e.type()).isEqualTo(PromqlException.ErrorType.BAD_DATA))
        .hasMessage("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector");
  }

  @Test
  void timesOut() {
    series(Map.of("__name__", "x"), 1, 2, 3);
    Clock ticking = new Clock() {
      private long now;

      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        now += 1_000;
        return Instant.ofEpochMilli(now);
      }
    };
    PromqlEngine slow = PromqlEngine.builder(reader).clock(ticking).timeout(Duration.ofSeconds(2)).build();
    assertThatThrownBy(() -> slow.instantQuery("t", "sum(rate(x[1m])) + sum(x) * count(x)", 0))
        .isInstanceOfSatisfying(PromqlException.class,
            e -> assertThat(e.type()).isEqualTo(PromqlException.ErrorType.TIMEOUT));
  }

  @Test
  void scriptRunnerRejectsWrongExpectations() {
    List<PromqlScript.Eval> evals = PromqlScript.parse("""
        load 5m
          x{a="b"} 1 2 3

        eval instant at 10m x
          x{a="b"} 4
        """);
    assertThat(evals).hasSize(1);
    assertThatThrownBy(() -> evals.getFirst().check().run()).isInstanceOf(AssertionError.class);
  }
}
