package dev.sightline.alerting.anomaly;

import static java.util.Objects.requireNonNull;

import dev.sightline.alerting.AlertCondition;
import dev.sightline.alerting.AlertConditionException;
import dev.sightline.alerting.ConditionSample;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.query.promql.PromqlException;
import dev.sightline.query.promql.PromqlParser;
import dev.sightline.query.promql.QueryResult;
import dev.sightline.storage.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An anomaly rule ({@code anomaly: {expr, seasonality, sensitivity, min_history, direction}}):
 * at each evaluation it reads the expression over the history its baseline needs as a range query
 * at {@code step}, and returns the series whose value at the evaluated time lies outside the band
 * learnt from their own past ({@link SeasonalBaseline}). Each sample carries {@code expected},
 * {@code expected_low}, {@code expected_high}, {@code observed} and {@code seasonality} so that
 * the alert explains itself.
 *
 * <p>The whole history is read at every evaluation: simple and stateless, so a restart or a
 * changed rule needs no warm-up. At a 5 minute step four weeks are 8,064 points per series.
 */
public final class AnomalyCondition implements AlertCondition {
  /** The step of the range query unless the rule gives its own. */
  public static final Duration DEFAULT_STEP = Duration.ofMinutes(5);

  private final PromqlEngine engine;
  private final String tenant;
  private final String expr;
  private final Duration step;
  private final SeasonalBaseline baseline;

  /**
   * @param expr a PromQL expression returning an instant vector or scalar
   * @param step the resolution of the history; the latest point of a series must lie within one
   *     step of the evaluated time
   * @throws IllegalArgumentException naming {@code expr} when it does not parse, or {@code step}
   */
  public AnomalyCondition(PromqlEngine engine, String tenant, String expr, Duration step, SeasonalBaseline baseline) {
    this.engine = requireNonNull(engine, "engine");
    this.tenant = requireNonNull(tenant, "tenant");
    this.expr = requireNonNull(expr, "expr");
    this.step = requireNonNull(step, "step");
    this.baseline = requireNonNull(baseline, "baseline");
    if (step.isNegative() || step.isZero() || step.toMillis() == 0) {
      throw new IllegalArgumentException("step must be at least 1ms; was " + step);
    }
    try {
      PromqlParser.parse(expr);
    } catch (PromqlException e) {
      throw new IllegalArgumentException("expr is not a valid PromQL expression: " + e.getMessage(), e);
    }
  }

  /** A condition at {@link #DEFAULT_STEP}. */
  public AnomalyCondition(PromqlEngine engine, String tenant, String expr, SeasonalBaseline baseline) {
    this(engine, tenant, expr, DEFAULT_STEP, baseline);
  }

  public String expr() {
    return expr;
  }

  public Duration step() {
    return step;
  }

  public SeasonalBaseline baseline() {
    return baseline;
  }

  @Override
  public List<ConditionSample> evaluate(Instant at) {
    long endMs = at.toEpochMilli();
    long stepMs = step.toMillis();
    // Enough to prove min_history plus a few steps: rate() yields nothing at the first points.
    long rangeMs = Math.max(baseline.history().toMillis(), baseline.minHistory().toMillis() + 3 * stepMs);
    // Aligned so that the last point of the grid is the evaluated time itself.
    long startMs = endMs - (rangeMs / stepMs + 1) * stepMs;
    QueryResult result;
    try {
      result = engine.rangeQuery(tenant, expr, startMs, endMs, stepMs);
    } catch (PromqlException | StorageException e) {
      throw new AlertConditionException("anomaly query " + expr + " failed: " + e.getMessage(), e);
    }
    if (!(result instanceof QueryResult.MatrixResult matrix)) {
      throw new AlertConditionException("anomaly query " + expr + " returned " + result.getClass().getSimpleName()
          + ", not a matrix");
    }
    List<ConditionSample> out = new ArrayList<>();
    for (QueryResult.Series s : matrix.series()) {
      int last = s.timestamps().length - 1;
      if (last < 0 || s.timestamps()[last] <= endMs - stepMs) {
        continue;
      }
      double observed = s.values()[last];
      Optional<Band> band = baseline.anomaly(s.timestamps(), s.values(), s.timestamps()[last], observed);
      band.ifPresent(b -> out.add(new ConditionSample(s.labels(), observed, details(b, observed))));
    }
    return out;
  }

  private Map<String, String> details(Band band, double observed) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("expected", format(band.expected()));
    d.put("expected_low", format(band.low()));
    d.put("expected_high", format(band.high()));
    d.put("observed", format(observed));
    d.put("seasonality", baseline.seasonality().ruleName());
    return d;
  }

  /** Six significant digits: enough to read, short enough for a notification. */
  static String format(double value) {
    return String.format(Locale.ROOT, "%.6g", value).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
        .replaceFirst("\\.(e|$)", "$1");
  }

  @Override
  public String toString() {
    return "anomaly of " + expr + " (" + baseline.seasonality().ruleName() + ", sensitivity "
        + baseline.sensitivity() + ", " + baseline.direction().ruleName() + ")";
  }
}
