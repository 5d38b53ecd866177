package dev.sightline.query.promql;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Applies a range vector function to every series and step: each series' window slides forward
 * with two indices over its primitive arrays, so every sample is visited about once per step it
 * belongs to and nothing is copied. The samples are raw, or rollups where {@link RollupSelection}
 * allows them.
 */
final class RangeEvaluation {
  private RangeEvaluation() {}

  static Value evaluate(Evaluator ev, Call call, int matrixArg) {
    String name = call.function().name();
    List<Expr> args = call.args();
    double[] arg0 = null;
    double[] arg1 = null;
    // Scalar arguments first, as Prometheus evaluates them.
    List<double[]> scalars = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (i != matrixArg) {
        scalars.add(ev.evalScalar(args.get(i)));
      }
    }
    if (!scalars.isEmpty()) {
      arg0 = scalars.get(0);
    }
    if (scalars.size() > 1) {
      arg1 = scalars.get(1);
    }
    RollupSelection.Plan rollup = RollupSelection.plan(ev, name, args.get(matrixArg));
    boolean keepName = name.equals("last_over_time");
    List<StepSeries> out;
    if (rollup == null) {
      out = apply(ev, ev.evalRange(args.get(matrixArg)), function(name), arg0, arg1, keepName);
    } else if (rollup.inputs().size() == 1) {
      out = apply(ev, rollup.inputs().get(0), function(rollup.function()), arg0, arg1, keepName);
    } else {
      WindowFunction sum = function(rollup.function());
      out = ratio(apply(ev, rollup.inputs().get(0), sum, arg0, arg1, false),
          apply(ev, rollup.inputs().get(1), sum, arg0, arg1, false));
    }
    if (name.equals("absent_over_time")) {
      return absentOverTime(out, ev.steps(), args.get(matrixArg));
    }
    SeriesMerger.requireUnique(out);
    return new Value.Vector(out);
  }

  private static WindowFunction function(String name) {
    WindowFunction fn = RateFunctions.get(name);
    if (fn == null) {
      fn = OverTimeFunctions.get(name);
    }
    if (fn == null) {
      throw new IllegalStateException("no range function " + name);
    }
    return fn;
  }

  /** {@code fn} over every series' window at every step. */
  private static List<StepSeries> apply(Evaluator ev, RangeInput input, WindowFunction fn,
      double @Nullable [] arg0, double @Nullable [] arg1, boolean keepName) {
    int steps = ev.steps();
    long[] ends = input.windowEnds();
    WindowFunction.Window w = new WindowFunction.Window();
    w.rangeMs = input.rangeMs();
    List<StepSeries> out = new ArrayList<>();
    for (RawSeries s : input.series()) {
      ev.ctx.checkDeadline();
      long[] ts = s.timestamps();
      double[] vs = s.values();
      double[] values = null;
      int lo = 0;
      int hi = 0;
      for (int i = 0; i < steps; i++) {
        long end = ends[i];
        long start = end - input.rangeMs();
        if (i > 0 && end < ends[i - 1]) {
          lo = 0;
          hi = 0;
        }
        while (hi < ts.length && ts[hi] <= end) {
          hi++;
        }
        while (lo < hi && ts[lo] < start) {
          lo++;
        }
        if (hi == lo) {
          continue;
        }
        ev.ctx.checkSamples(hi - lo);
        w.rangeStart = start;
        w.rangeEnd = end;
        w.stepTime = ev.grid.time(i);
        w.arg0 = arg0 == null ? 0 : arg0[i];
        w.arg1 = arg1 == null ? 0 : arg1[i];
        double v = fn.apply(ts, vs, lo, hi, w);
        if (StepSeries.isAbsent(v)) {
          continue;
        }
        if (values == null) {
          values = StepSeries.absentArray(steps);
        }
        values[i] = v;
      }
      if (values != null) {
        out.add(new StepSeries(keepName ? s.labels() : s.labels().withoutMetricName(), values));
      }
    }
    return out;
  }

  /** Per step, the first series' value over the second's, for series of equal labels. */
  private static List<StepSeries> ratio(List<StepSeries> sums, List<StepSeries> counts) {
    java.util.Map<Labels, double[]> byLabels = new java.util.HashMap<>();
    counts.forEach(c -> byLabels.put(c.labels(), c.values()));
    List<StepSeries> out = new ArrayList<>(sums.size());
    for (StepSeries s : sums) {
      double[] c = byLabels.get(s.labels());
      if (c == null) {
        continue;
      }
      double[] values = s.values().clone();
      for (int i = 0; i < values.length; i++) {
        if (!StepSeries.isAbsent(values[i])) {
          values[i] = StepSeries.isAbsent(c[i]) ? StepSeries.ABSENT : values[i] / c[i];
        }
      }
      out.add(new StepSeries(s.labels(), values));
    }
    return out;
  }

  /** 1 at the steps where no series had a sample in its window. */
  private static Value absentOverTime(List<StepSeries> present, int steps, Expr arg) {
    double[] values = new double[steps];
    boolean any = false;
    for (int i = 0; i < steps; i++) {
      boolean found = false;
      for (StepSeries s : present) {
        if (!StepSeries.isAbsent(s.values()[i])) {
          found = true;
          break;
        }
      }
      values[i] = found ? StepSeries.ABSENT : 1;
      any |= !found;
    }
    if (!any) {
      return new Value.Vector(List.of());
    }
    return new Value.Vector(List.of(new StepSeries(AbsentLabels.of(arg), values)));
  }
}
