package dev.sightline.query.promql;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/** Evaluates function calls, handing range vector functions to {@link RangeEvaluation}. */
final class Functions {
  private Functions() {}

  static Value call(Evaluator ev, Call c) {
    List<Expr> args = c.args();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).type() == ValueType.MATRIX) {
        return RangeEvaluation.evaluate(ev, c, i);
      }
    }
    String name = c.function().name();
    return switch (name) {
      case "time" -> {
        double[] v = new double[ev.steps()];
        for (int i = 0; i < v.length; i++) {
          v[i] = ev.grid.time(i) / 1000.0;
        }
        yield new Value.Scalar(v);
      }
      case "pi" -> ev.scalar(Math.PI);
      case "scalar" -> scalar(ev, args.get(0));
      case "vector" -> new Value.Vector(List.of(new StepSeries(Labels.EMPTY, ev.evalScalar(args.get(0)).clone())));
      case "absent" -> absent(ev, args.get(0));
      case "timestamp" -> timestamp(ev, args.get(0));
      case "sort" -> sort(ev, args.get(0), false);
      case "sort_desc" -> sort(ev, args.get(0), true);
      case "label_replace" -> LabelFunctions.labelReplace(ev, c);
      case "label_join" -> LabelFunctions.labelJoin(ev, c);
      case "histogram_quantile" -> HistogramQuantile.evaluate(ev, c);
      case "histogram_count", "histogram_sum", "histogram_fraction" -> {
        // Only native histograms have these; float series yield nothing.
        for (Expr a : args) {
          ev.eval(a);
        }
        yield new Value.Vector(List.of());
      }
      case "clamp", "clamp_min", "clamp_max", "round" -> clamp(ev, c);
      default -> {
        ToDoubleFunction<ZonedDateTime> date = DateFunctions.get(name);
        if (date != null) {
          yield date(ev, args, date);
        }
        DoubleUnaryOperator f = MathFunctions.get(name);
        if (f == null) {
          throw new IllegalStateException("no function " + name);
        }
        yield map(ev, ev.evalVector(args.get(0)), f);
      }
    };
  }

  /** Applies f to every value, dropping the metric name. */
  static Value map(Evaluator ev, List<StepSeries> in, DoubleUnaryOperator f) {
    List<StepSeries> out = new ArrayList<>(in.size());
    for (StepSeries s : in) {
      double[] src = s.values();
      double[] v = new double[src.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = StepSeries.isAbsent(src[i]) ? StepSeries.ABSENT : f.applyAsDouble(src[i]);
      }
      out.add(new StepSeries(s.labels().withoutMetricName(), v));
    }
    return new Value.Vector(SeriesMerger.merge(out, ev.steps()));
  }

  private static Value scalar(Evaluator ev, Expr arg) {
    List<StepSeries> in = ev.evalVector(arg);
    double[] out = new double[ev.steps()];
    for (int i = 0; i < out.length; i++) {
      int n = 0;
      double v = Double.NaN;
      for (StepSeries s : in) {
        if (!StepSeries.isAbsent(s.values()[i])) {
          n++;
          v = s.values()[i];
        }
      }
      out[i] = n == 1 ? v : Double.NaN;
    }
    return new Value.Scalar(out);
  }

  private static Value absent(Evaluator ev, Expr arg) {
    List<StepSeries> in = ev.evalVector(arg);
    double[] out = new double[ev.steps()];
    boolean any = false;
    for (int i = 0; i < out.length; i++) {
      out[i] = 1;
      for (StepSeries s : in) {
        if (!StepSeries.isAbsent(s.values()[i])) {
          out[i] = StepSeries.ABSENT;
          break;
        }
      }
      any |= out[i] == 1;
    }
    return new Value.Vector(any ? List.of(new StepSeries(AbsentLabels.of(arg), out)) : List.of());
  }

  private static Value timestamp(Evaluator ev, Expr arg) {
    if (Evaluator.unwrap(arg) instanceof VectorSelector vs) {
      // The timestamps of the selected samples. Prometheus ignores the offset here when @ is
      // used, and so does this.
      long[] refs = vs.at() != null
          ? Selectors.referenceTimes(ev.ctx, ev.grid, vs.at(), 0)
          : Selectors.referenceTimes(ev.ctx, ev.grid, null, vs.offsetMs());
      return Selectors.instant(ev.ctx, ev.grid, vs, refs, true);
    }
    List<StepSeries> in = ev.evalVector(arg);
    List<StepSeries> out = new ArrayList<>(in.size());
    for (StepSeries s : in) {
      double[] v = new double[ev.steps()];
      for (int i = 0; i < v.length; i++) {
        v[i] = StepSeries.isAbsent(s.values()[i]) ? StepSeries.ABSENT : ev.grid.time(i) / 1000.0;
      }
      out.add(new StepSeries(s.labels().withoutMetricName(), v));
    }
    return new Value.Vector(SeriesMerger.merge(out, ev.steps()));
  }

  /** Orders an instant query's result by value, NaN last; range results are ordered by labels. */
  private static Value sort(Evaluator ev, Expr arg, boolean descending) {
    List<StepSeries> in = new ArrayList<>(ev.evalVector(arg));
    if (ev.steps() == 1) {
      Comparator<StepSeries> byValue = (a, b) -> {
        double x = a.values()[0];
        double y = b.values()[0];
        if (Double.isNaN(x) || Double.isNaN(y)) {
          return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
        }
        return descending ? Double.compare(y, x) : Double.compare(x, y);
      };
      in.sort(byValue);
    }
    return new Value.Vector(in);
  }

  private static Value clamp(Evaluator ev, Call c) {
    String name = c.function().name();
    List<StepSeries> in = ev.evalVector(c.args().get(0));
    double[] a = c.args().size() > 1 ? ev.evalScalar(c.args().get(1)) : null;
    double[] b = c.args().size() > 2 ? ev.evalScalar(c.args().get(2)) : null;
    List<StepSeries> out = new ArrayList<>(in.size());
    for (StepSeries s : in) {
      double[] src = s.values();
      double[] v = new double[src.length];
      for (int i = 0; i < v.length; i++) {
        double x = src[i];
        if (StepSeries.isAbsent(x)) {
          v[i] = x;
          continue;
        }
        v[i] = switch (name) {
          case "clamp" -> b[i] < a[i] ? StepSeries.ABSENT : Math.max(a[i], Math.min(b[i], x));
          case "clamp_min" -> Math.max(a[i], x);
          case "clamp_max" -> Math.min(a[i], x);
          default -> {
            // Rounds ties up, with the inverse to limit floating point error, as Prometheus does.
            double inverse = 1.0 / (a == null ? 1 : a[i]);
            yield Math.floor(x * inverse + 0.5) / inverse;
          }
        };
      }
      out.add(new StepSeries(s.labels().withoutMetricName(), v));
    }
    return new Value.Vector(SeriesMerger.merge(out, ev.steps()));
  }

  private static Value date(Evaluator ev, List<Expr> args, ToDoubleFunction<ZonedDateTime> f) {
    if (args.isEmpty()) {
      double[] v = new double[ev.steps()];
      for (int i = 0; i < v.length; i++) {
        v[i] = f.applyAsDouble(DateFunctions.utc(Math.floorDiv(ev.grid.time(i), 1000)));
      }
      return new Value.Vector(List.of(new StepSeries(Labels.EMPTY, v)));
    }
    return map(ev, ev.evalVector(args.get(0)), x -> f.applyAsDouble(DateFunctions.utc(x)));
  }
}
