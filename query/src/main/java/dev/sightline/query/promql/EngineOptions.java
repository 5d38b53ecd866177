package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

import dev.sightline.storage.SampleReader.SelectLimits;
import java.time.Clock;
import java.time.Duration;

/**
 * How a {@link PromqlEngine} evaluates: the lookback of instant selectors, the default subquery
 * step (Prometheus uses its global evaluation interval), the per-query sample budget, the
 * timeout, the resolution limit of range queries, what one storage select may return and from
 * which query range on range functions may read precomputed rollups (zero:
 * never).
 */
public record EngineOptions(
    Duration lookbackDelta,
    Duration defaultSubqueryStep,
    long maxSamples,
    Duration timeout,
    int maxPointsPerSeries,
    SelectLimits selectLimits,
    Clock clock,
    Duration rollupMinRange) {

  public EngineOptions {
    requireNonNull(lookbackDelta, "lookbackDelta");
    requireNonNull(defaultSubqueryStep, "defaultSubqueryStep");
    requireNonNull(timeout, "timeout");
    requireNonNull(selectLimits, "selectLimits");
    requireNonNull(clock, "clock");
    requireNonNull(rollupMinRange, "rollupMinRange");
    if (rollupMinRange.isNegative()) {
      throw new IllegalArgumentException("rollupMinRange must not be negative, got " + rollupMinRange);
    }
    requirePositive(lookbackDelta, "lookbackDelta");
    requirePositive(defaultSubqueryStep, "defaultSubqueryStep");
    requirePositive(timeout, "timeout");
    if (maxSamples <= 0) {
      throw new IllegalArgumentException("maxSamples must be positive, got " + maxSamples);
    }
    if (maxPointsPerSeries <= 0) {
      throw new IllegalArgumentException("maxPointsPerSeries must be positive, got " + maxPointsPerSeries);
    }
  }

  private static void requirePositive(Duration d, String name) {
    if (d.isNegative() || d.isZero() || d.toMillis() == 0) {
      throw new IllegalArgumentException(name + " must be at least 1ms, got " + d);
    }
  }

  /**
   * Prometheus's defaults: 5m lookback, 1m subquery step, 50M samples, 2m timeout, 11,000 points;
   * rollups for range queries over at least 7 days.
   */
  public static EngineOptions defaults() {
    return new EngineOptions(Duration.ofMinutes(5), Duration.ofMinutes(1), 50_000_000L,
        Duration.ofMinutes(2), 11_000, SelectLimits.NONE, Clock.systemUTC(), Duration.ofDays(7));
  }

  public EngineOptions withLookbackDelta(Duration d) {
    return new EngineOptions(d, defaultSubqueryStep, maxSamples, timeout, maxPointsPerSeries, selectLimits, clock, rollupMinRange);
  }

  public EngineOptions withDefaultSubqueryStep(Duration d) {
    return new EngineOptions(lookbackDelta, d, maxSamples, timeout, maxPointsPerSeries, selectLimits, clock, rollupMinRange);
  }

  public EngineOptions withMaxSamples(long n) {
    return new EngineOptions(lookbackDelta, defaultSubqueryStep, n, timeout, maxPointsPerSeries, selectLimits, clock, rollupMinRange);
  }

  public EngineOptions withTimeout(Duration d) {
    return new EngineOptions(lookbackDelta, defaultSubqueryStep, maxSamples, d, maxPointsPerSeries, selectLimits, clock, rollupMinRange);
  }

  public EngineOptions withMaxPointsPerSeries(int n) {
    return new EngineOptions(lookbackDelta, defaultSubqueryStep, maxSamples, timeout, n, selectLimits, clock, rollupMinRange);
  }

  public EngineOptions withSelectLimits(SelectLimits l) {
    return new EngineOptions(lookbackDelta, defaultSubqueryStep, maxSamples, timeout, maxPointsPerSeries, l, clock, rollupMinRange);
  }

  public EngineOptions withClock(Clock c) {
    return new EngineOptions(lookbackDelta, defaultSubqueryStep, maxSamples, timeout, maxPointsPerSeries, selectLimits, c, rollupMinRange);
  }

  public EngineOptions withRollupMinRange(Duration d) {
    return new EngineOptions(lookbackDelta, defaultSubqueryStep, maxSamples, timeout, maxPointsPerSeries, selectLimits, clock, d);
  }
}
