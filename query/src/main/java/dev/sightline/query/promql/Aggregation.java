package dev.sightline.query.promql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregation operators. Groups are found once per series, not per step; each group then keeps
 * one accumulator per step, updated in the input order Prometheus uses, with its arithmetic
 * (running mean for avg, Welford's method for stddev and stdvar).
 */
final class Aggregation {
  private Aggregation() {}

  /** The groups of a vector's series: index per series, and each group's output labels. */
  record Grouping(int[] groupOf, List<Labels> groupLabels) {
    static Grouping of(List<StepSeries> in, List<String> labels, boolean without) {
      int[] groupOf = new int[in.size()];
      List<Labels> groupLabels = new ArrayList<>();
      Map<Labels, Integer> index = new HashMap<>();
      List<String> dropped = new ArrayList<>(labels);
      dropped.add(Labels.METRIC_NAME);
      for (int s = 0; s < in.size(); s++) {
        Labels l = in.get(s).labels();
        Labels key = without ? l.without(dropped) : l.keep(labels);
        Integer g = index.get(key);
        if (g == null) {
          g = groupLabels.size();
          index.put(key, g);
          groupLabels.add(key);
        }
        groupOf[s] = g;
      }
      return new Grouping(groupOf, groupLabels);
    }
  }

  static Value evaluate(Evaluator ev, Aggregate a) {
    return switch (a.op()) {
      case TOPK, BOTTOMK -> TopK.evaluate(ev, a);
      case COUNT_VALUES -> CountValues.evaluate(ev, a);
      case QUANTILE -> quantile(ev, a);
      default -> simple(ev, a);
    };
  }

  private static Value simple(Evaluator ev, Aggregate a) {
    List<StepSeries> in = ev.evalVector(a.expr());
    Grouping grouping = Grouping.of(in, a.grouping(), a.without());
    int steps = ev.steps();
    int groups = grouping.groupLabels().size();
    double[][] value = new double[groups][];
    double[][] mean = new double[groups][];
    double[][] count = new double[groups][];
    AggregateOp op = a.op();
    for (int s = 0; s < in.size(); s++) {
      int g = grouping.groupOf()[s];
      if (value[g] == null) {
        value[g] = StepSeries.absentArray(steps);
        mean[g] = new double[steps];
        count[g] = new double[steps];
      }
      double[] vals = in.get(s).values();
      double[] gv = value[g];
      double[] gm = mean[g];
      double[] gc = count[g];
      for (int i = 0; i < steps; i++) {
        double v = vals[i];
        if (StepSeries.isAbsent(v)) {
          continue;
        }
        if (StepSeries.isAbsent(gv[i])) {
          gv[i] = switch (op) {
            case STDDEV, STDVAR -> 0;
            case GROUP -> 1;
            default -> v;
          };
          gm[i] = v;
          gc[i] = 1;
          continue;
        }
        switch (op) {
          case SUM -> gv[i] += v;
          case AVG -> {
            gc[i]++;
            double m = gm[i];
            if (Double.isInfinite(m)) {
              if (Double.isInfinite(v) && (m > 0) == (v > 0)) {
                break;
              }
              if (!Double.isInfinite(v) && !Double.isNaN(v)) {
                break;
              }
            }
            gm[i] = m + (v / gc[i] - m / gc[i]);
          }
          case MAX -> {
            if (gv[i] < v || Double.isNaN(gv[i])) {
              gv[i] = v;
            }
          }
          case MIN -> {
            if (gv[i] > v || Double.isNaN(gv[i])) {
              gv[i] = v;
            }
          }
          case COUNT -> gc[i]++;
          case STDDEV, STDVAR -> {
            gc[i]++;
            double delta = v - gm[i];
            gm[i] += delta / gc[i];
            gv[i] += delta * (v - gm[i]);
          }
          default -> { }
        }
      }
    }
    List<StepSeries> out = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      double[] gv = value[g];
      for (int i = 0; i < steps; i++) {
        if (StepSeries.isAbsent(gv[i])) {
          continue;
        }
        gv[i] = switch (op) {
          case AVG -> mean[g][i];
          case COUNT -> count[g][i];
          case STDVAR -> gv[i] / count[g][i];
          case STDDEV -> Math.sqrt(gv[i] / count[g][i]);
          default -> gv[i];
        };
      }
      out.add(new StepSeries(grouping.groupLabels().get(g), gv));
    }
    return new Value.Vector(instantOrder(out, in, grouping, steps));
  }

  /**
   * For an instant query, groups in the order their first element appears, as Prometheus lists
   * them; groups are created in series order, which for a single step is that order already
   * except for series absent at the step, so those groups are moved behind.
   */
  private static List<StepSeries> instantOrder(List<StepSeries> out, List<StepSeries> in, Grouping g, int steps) {
    List<StepSeries> result = new ArrayList<>(out.size());
    if (steps != 1) {
      for (StepSeries s : out) {
        if (!s.isEmpty()) {
          result.add(s);
        }
      }
      return result;
    }
    boolean[] added = new boolean[out.size()];
    for (int s = 0; s < in.size(); s++) {
      int group = g.groupOf()[s];
      if (!added[group] && !StepSeries.isAbsent(in.get(s).values()[0])) {
        added[group] = true;
        result.add(out.get(group));
      }
    }
    return result;
  }

  private static Value quantile(Evaluator ev, Aggregate a) {
    double[] q = ev.evalScalar(a.param());
    List<StepSeries> in = ev.evalVector(a.expr());
    Grouping grouping = Grouping.of(in, a.grouping(), a.without());
    int steps = ev.steps();
    int groups = grouping.groupLabels().size();
    List<List<Integer>> members = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      members.add(new ArrayList<>());
    }
    for (int s = 0; s < in.size(); s++) {
      members.get(grouping.groupOf()[s]).add(s);
    }
    List<StepSeries> out = new ArrayList<>(groups);
    double[] buf = new double[in.size()];
    for (int g = 0; g < groups; g++) {
      double[] values = StepSeries.absentArray(steps);
      for (int i = 0; i < steps; i++) {
        int n = 0;
        for (int s : members.get(g)) {
          double v = in.get(s).values()[i];
          if (!StepSeries.isAbsent(v)) {
            buf[n++] = v;
          }
        }
        if (n > 0) {
          values[i] = OverTimeFunctions.quantile(q[i], java.util.Arrays.copyOf(buf, n));
        }
      }
      out.add(new StepSeries(grouping.groupLabels().get(g), values));
    }
    return new Value.Vector(instantOrder(out, in, grouping, steps));
  }
}
