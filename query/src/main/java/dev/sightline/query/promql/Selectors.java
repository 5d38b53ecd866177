package dev.sightline.query.promql;

import dev.sightline.storage.SampleSeries;
import dev.sightline.storage.StaleMarker;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates selectors: each fetches its data once for the whole grid, then steps through it in
 * memory. Instant selectors look back up to the lookback delta for the latest sample and yield
 * nothing when that sample is a stale marker; range selectors drop stale markers.
 */
final class Selectors {
  private Selectors() {}

  /** Where each step's lookup ends: the step time, or the {@code @} time, minus the offset. */
  static long[] referenceTimes(QueryContext ctx, StepGrid grid, @Nullable AtModifier at, long offsetMs) {
    long[] refs = new long[grid.count()];
    long pinned = at == null ? 0 : at.resolve(ctx.queryStart, ctx.queryEnd);
    for (int i = 0; i < refs.length; i++) {
      refs[i] = (at == null ? grid.time(i) : pinned) - offsetMs;
    }
    return refs;
  }

  static Value.Vector instant(QueryContext ctx, StepGrid grid, VectorSelector vs) {
    return instant(ctx, grid, vs, referenceTimes(ctx, grid, vs.at(), vs.offsetMs()), false);
  }

  /**
   * The selector's value at each reference time; with {@code timestamps} the sample's timestamp in
   * seconds instead, for {@code timestamp()}.
   */
  static Value.Vector instant(QueryContext ctx, StepGrid grid, VectorSelector vs, long[] refs, boolean timestamps) {
    long lookback = ctx.options.lookbackDelta().toMillis();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long r : refs) {
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    List<SampleSeries> fetched = ctx.select(vs.matchers(), min - lookback, max);
    List<StepSeries> out = new ArrayList<>(fetched.size());
    for (SampleSeries s : fetched) {
      ctx.checkDeadline();
      long[] ts = s.timestamps();
      double[] vals = s.values();
      double[] values = new double[refs.length];
      boolean any = false;
      int j = 0;
      for (int i = 0; i < refs.length; i++) {
        long ref = refs[i];
        if (i > 0 && ref < refs[i - 1]) {
          j = 0;
        }
        while (j < ts.length && ts[j] <= ref) {
          j++;
        }
        int last = j - 1;
        if (last >= 0 && ts[last] >= ref - lookback && !StaleMarker.is(vals[last])) {
          values[i] = timestamps ? ts[last] / 1000.0 : vals[last];
          any = true;
        } else {
          values[i] = StepSeries.ABSENT;
        }
      }
      if (any) {
        Labels labels = Labels.of(s.labels());
        out.add(new StepSeries(timestamps ? labels.withoutMetricName() : labels, values));
      }
    }
    return new Value.Vector(out);
  }

  /** Raw samples of a range selector for windows ending at the given times. */
  static RangeInput range(QueryContext ctx, StepGrid grid, MatrixSelector ms) {
    VectorSelector vs = ms.selector();
    long[] ends = referenceTimes(ctx, grid, vs.at(), vs.offsetMs());
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long r : ends) {
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    List<SampleSeries> fetched = ctx.select(vs.matchers(), min - ms.rangeMs(), max);
    List<RawSeries> out = new ArrayList<>(fetched.size());
    for (SampleSeries s : fetched) {
      out.add(withoutStaleMarkers(Labels.of(s.labels()), s.timestamps(), s.values()));
    }
    return new RangeInput(out, ends, ms.rangeMs(), vs);
  }

  static RawSeries withoutStaleMarkers(Labels labels, long[] ts, double[] vals) {
    int stale = 0;
    for (double v : vals) {
      if (StaleMarker.is(v)) {
        stale++;
      }
    }
    if (stale == 0) {
      return new RawSeries(labels, ts, vals);
    }
    long[] t2 = new long[ts.length - stale];
    double[] v2 = new double[ts.length - stale];
    int j = 0;
    for (int i = 0; i < ts.length; i++) {
      if (!StaleMarker.is(vals[i])) {
        t2[j] = ts[i];
        v2[j++] = vals[i];
      }
    }
    return new RawSeries(labels, t2, v2);
  }

  /**
   * A subquery's inner expression evaluated on its own grid: steps aligned to multiples of the
   * subquery step (absolute time, as Prometheus aligns them), covering every window.
   */
  static RangeInput subquery(Evaluator outer, SubqueryExpr sq) {
    QueryContext ctx = outer.ctx;
    long[] ends = referenceTimes(ctx, outer.grid, sq.at(), sq.offsetMs());
    long step = sq.stepMs() != 0 ? sq.stepMs() : ctx.options.defaultSubqueryStep().toMillis();
    long first = ends[0];
    long last = ends[ends.length - 1];
    long from = first - sq.rangeMs();
    long start = Math.floorDiv(from, step) * step;
    if (start < from) {
      start += step;
    }
    List<RawSeries> out = new ArrayList<>();
    if (start <= last) {
      Value inner = outer.subEvaluator(new StepGrid(start, last, step)).eval(sq.expr());
      StepGrid g = new StepGrid(start, last, step);
      for (StepSeries s : ((Value.Vector) inner).series()) {
        int n = s.presentCount();
        long[] ts = new long[n];
        double[] vs = new double[n];
        int j = 0;
        for (int i = 0; i < s.values().length; i++) {
          if (!StepSeries.isAbsent(s.values()[i])) {
            ts[j] = g.time(i);
            vs[j++] = s.values()[i];
          }
        }
        out.add(new RawSeries(s.labels(), ts, vs));
      }
    }
    return new RangeInput(out, ends, sq.rangeMs(), null);
  }

  /** The raw samples in each series' window at the only step, for a range vector query result. */
  static Value.Range rangeResult(RangeInput input) {
    List<RawSeries> out = new ArrayList<>();
    long end = input.windowEnds()[0];
    long start = end - input.rangeMs();
    for (RawSeries s : input.series()) {
      long[] ts = s.timestamps();
      int lo = 0;
      while (lo < ts.length && ts[lo] < start) {
        lo++;
      }
      int hi = lo;
      while (hi < ts.length && ts[hi] <= end) {
        hi++;
      }
      if (hi > lo) {
        out.add(new RawSeries(s.labels(), java.util.Arrays.copyOfRange(ts, lo, hi),
            java.util.Arrays.copyOfRange(s.values(), lo, hi)));
      }
    }
    return new Value.Range(out);
  }
}
