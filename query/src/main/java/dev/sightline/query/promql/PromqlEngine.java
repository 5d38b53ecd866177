package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

import dev.sightline.query.promql.QueryResult.MatrixResult;
import dev.sightline.query.promql.QueryResult.Sample;
import dev.sightline.query.promql.QueryResult.ScalarResult;
import dev.sightline.query.promql.QueryResult.Series;
import dev.sightline.query.promql.QueryResult.StringResult;
import dev.sightline.query.promql.QueryResult.VectorResult;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.SampleReader.SelectLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Evaluates PromQL instant and range queries over a {@link SampleReader} with the semantics of
 * Prometheus 2.42. Thread-safe: each query evaluates in its own context.
 */
public final class PromqlEngine {
  private final SampleReader reader;
  private final EngineOptions options;
  private final LongAdder rollupSelections = new LongAdder();

  private PromqlEngine(SampleReader reader, EngineOptions options) {
    this.reader = reader;
    this.options = options;
  }

  public static Builder builder(SampleReader reader) {
    return new Builder(reader);
  }

  public EngineOptions options() {
    return options;
  }

  /** How many selectors read precomputed rollups instead of raw samples since the engine was built. */
  public long rollupSelections() {
    return rollupSelections.sum();
  }

  /**
   * Evaluates a query at one instant.
   *
   * @throws PromqlException when the query is invalid, too expensive or times out
   */
  public QueryResult instantQuery(String tenant, String query, long timeMs) {
    requireNonNull(tenant, "tenant");
    Expr expr = PromqlParser.parse(query);
    QueryContext ctx = new QueryContext(reader, tenant, options, timeMs, timeMs, null, rollupSelections);
    Value v = new Evaluator(ctx, new StepGrid(timeMs, timeMs, 1)).eval(expr);
    return switch (v) {
      case Value.Scalar s -> new ScalarResult(timeMs, s.values()[0]);
      case Value.Text t -> new StringResult(timeMs, t.value());
      case Value.Vector vec -> {
        List<Sample> samples = new ArrayList<>(vec.series().size());
        for (StepSeries s : vec.series()) {
          double x = s.values()[0];
          if (!StepSeries.isAbsent(x)) {
            samples.add(new Sample(s.labels().toMap(), timeMs, x));
          }
        }
        yield new VectorResult(samples);
      }
      case Value.Range r -> {
        List<Series> series = new ArrayList<>(r.series().size());
        for (RawSeries s : r.series()) {
          series.add(new Series(s.labels().toMap(), s.timestamps(), s.values()));
        }
        yield new MatrixResult(series);
      }
    };
  }

  /**
   * Evaluates a query at every step from start to end, returning a matrix ordered by labels.
   *
   * @throws PromqlException when the query or the range is invalid, too expensive or times out
   */
  public QueryResult rangeQuery(String tenant, String query, long startMs, long endMs, long stepMs) {
    requireNonNull(tenant, "tenant");
    if (endMs < startMs) {
      throw PromqlException.badData("end timestamp must not be before start time");
    }
    if (stepMs <= 0) {
      throw PromqlException.badData(
          "zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    if ((endMs - startMs) / stepMs > options.maxPointsPerSeries()) {
      throw PromqlException.badData("exceeded maximum resolution of "
          + String.format(java.util.Locale.ROOT, "%,d", options.maxPointsPerSeries())
          + " points per timeseries. Try decreasing the query resolution (?step=XX)");
    }
    Expr expr = PromqlParser.parse(query);
    if (expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR) {
      throw PromqlException.badData("invalid expression type " + GoStrings.quote(expr.type().documentedName())
          + " for range query, must be Scalar or instant Vector");
    }
    StepGrid grid = new StepGrid(startMs, endMs, stepMs);
    QueryContext ctx = new QueryContext(reader, tenant, options, startMs, endMs, grid, rollupSelections);
    Value v = new Evaluator(ctx, grid).eval(expr);
    List<StepSeries> series = v instanceof Value.Scalar s
        ? List.of(new StepSeries(Labels.EMPTY, s.values()))
        : ((Value.Vector) v).series();
    List<StepSeries> sorted = new ArrayList<>(series);
    sorted.sort(Comparator.comparing(StepSeries::labels));
    List<Series> out = new ArrayList<>(sorted.size());
    for (StepSeries s : sorted) {
      int n = s.presentCount();
      if (n == 0) {
        continue;
      }
      long[] ts = new long[n];
      double[] vs = new double[n];
      int j = 0;
      for (int i = 0; i < s.values().length; i++) {
        if (!StepSeries.isAbsent(s.values()[i])) {
          ts[j] = grid.time(i);
          vs[j++] = s.values()[i];
        }
      }
      out.add(new Series(s.labels().toMap(), ts, vs));
    }
    return new MatrixResult(out);
  }

  /** Configures an engine; unset options keep {@link EngineOptions#defaults()}. */
  public static final class Builder {
    private final SampleReader reader;
    private EngineOptions options = EngineOptions.defaults();

    private Builder(SampleReader reader) {
      this.reader = requireNonNull(reader, "reader");
    }

    public Builder options(EngineOptions o) {
      options = requireNonNull(o, "options");
      return this;
    }

    public Builder lookbackDelta(Duration d) {
      options = options.withLookbackDelta(d);
      return this;
    }

    public Builder defaultSubqueryStep(Duration d) {
      options = options.withDefaultSubqueryStep(d);
      return this;
    }

    public Builder maxSamples(long n) {
      options = options.withMaxSamples(n);
      return this;
    }

    public Builder timeout(Duration d) {
      options = options.withTimeout(d);
      return this;
    }

    public Builder maxPointsPerSeries(int n) {
      options = options.withMaxPointsPerSeries(n);
      return this;
    }

    public Builder selectLimits(SelectLimits l) {
      options = options.withSelectLimits(l);
      return this;
    }

    /** Range queries over at least {@code d} may read rollups; zero turns rollups off. */
    public Builder rollupMinRange(Duration d) {
      options = options.withRollupMinRange(d);
      return this;
    }

    public Builder clock(Clock c) {
      options = options.withClock(c);
      return this;
    }

    public PromqlEngine build() {
      return new PromqlEngine(reader, options);
    }
  }
}
