package dev.sightline.query.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.query.promql.QueryResult.MatrixResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When range functions read rollups, and that their results approach raw evaluation. */
class RollupSelectionTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long START = DAY;
  private static final long END = 9 * DAY;
  private final RollupSampleReader reader = new RollupSampleReader();
  private final PromqlEngine engine = PromqlEngine.builder(reader).build();
  private final PromqlEngine rawEngine = PromqlEngine.builder(reader).rollupMinRange(Duration.ZERO).build();

  RollupSelectionTest() {
    int n = (int) ((END + DAY) / MINUTE);
    long[] ts = new long[n];
    double[] gauge = new double[n];
    double[] counter = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = i * MINUTE;
      gauge[i] = 100 + 50 * Math.sin(i / 300.0);
      // a counter gaining 1 or 2 a minute, reset every two days
      counter[i] = i % (2 * 24 * 60) == 0 ? 0 : counter[i - 1] + 1 + i % 2;
    }
    reader.raw.add(Map.of("__name__", "g", "job", "a"), ts, gauge);
    reader.raw.add(Map.of("__name__", "c", "job", "a"), ts, counter);
  }

  private static MatrixResult range(PromqlEngine e, String q, long step) {
    return (MatrixResult) e.rangeQuery("t", q, START, END, step);
  }

  private void assertCloseToRaw(String query, long step, double relative) {
    MatrixResult rolled = range(engine, query, step);
    MatrixResult raw = range(rawEngine, query, step);
    assertThat(rolled.series()).hasSameSizeAs(raw.series()).isNotEmpty();
    for (int k = 0; k < raw.series().size(); k++) {
      QueryResult.Series r = raw.series().get(k);
      QueryResult.Series x = rolled.series().get(k);
      assertThat(x.labels()).isEqualTo(r.labels());
      assertThat(x.timestamps()).containsExactly(r.timestamps());
      for (int i = 0; i < r.values().length; i++) {
        double tolerance = relative * Math.max(1e-9, Math.abs(r.values()[i]));
        assertThat(x.values()[i]).as("%s at %d", query, r.timestamps()[i]).isBetween(
            r.values()[i] - tolerance, r.values()[i] + tolerance);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"max_over_time(g[1h])", "min_over_time(g[1h])", "avg_over_time(g[1h])",
      "last_over_time(g[1h])", "sum_over_time(g[2h])", "count_over_time(g[2h])", "rate(c[6h])",
      "increase(c[1h])", "sum(rate(c[6h]))", "(max_over_time(g[1h]))"})
  void longRangeFunctionsReadRollupsCloseToRawValues(String query) {
    assertCloseToRaw(query, HOUR, 0.02);
    assertThat(engine.rollupSelections()).isPositive();
    assertThat(rawEngine.rollupSelections()).isZero();
  }

  @Test
  void theResolutionFollowsStepAndRange() {
    range(engine, "rate(c[6h])", HOUR);
    range(engine, "max_over_time(g[1h])", HOUR);
    range(engine, "max_over_time(g[30m])", 5 * MINUTE);
    range(engine, "avg_over_time(g[30m])", 10 * MINUTE);
    assertThat(reader.requests).containsExactly("60m COUNTER", "5m MAX", "5m MAX", "5m SUM", "5m COUNT");
    assertThat(engine.rollupSelections()).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"g", "rate(c[10m])", "quantile_over_time(0.5, g[1h])", "irate(c[1h])",
      "max_over_time(rate(c[1h])[6h:1h])", "changes(g[6h])"})
  void otherUsesReadRawSamples(String query) {
    range(engine, query, HOUR);
    assertThat(reader.requests).isEmpty();
    assertThat(engine.rollupSelections()).isZero();
  }

  @Test
  void shortRangesSmallStepsAndInstantQueriesReadRawSamples() {
    engine.rangeQuery("t", "max_over_time(g[1h])", END - 6 * DAY, END, HOUR);
    range(engine, "max_over_time(g[1h])", 4 * MINUTE);
    engine.instantQuery("t", "max_over_time(g[1h])", END);
    assertThat(reader.requests).isEmpty();
    assertThat(engine.rollupSelections()).isZero();
  }

  @Test
  void rangesThatRollupsDoNotCoverYetReadRawSamples() {
    reader.coveredUntil = END - HOUR;
    QueryResult.Series fallback = range(engine, "max_over_time(g[1h])", HOUR).series().getFirst();
    QueryResult.Series raw = range(rawEngine, "max_over_time(g[1h])", HOUR).series().getFirst();
    assertThat(fallback.values()).containsExactly(raw.values());
    assertThat(reader.requests).containsExactly("5m MAX");
    assertThat(engine.rollupSelections()).isZero();
  }
}
