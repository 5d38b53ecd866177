package dev.sightline.query.promql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary operations between scalars and vectors, and the set operators. Matching signatures are
 * computed once per series; only which series are present changes from step to step.
 */
final class BinaryOperations {
  private BinaryOperations() {}

  static Value evaluate(Evaluator ev, Binary b) {
    Value l = ev.eval(b.lhs());
    Value r = ev.eval(b.rhs());
    if (l instanceof Value.Scalar ls && r instanceof Value.Scalar rs) {
      double[] out = new double[ls.values().length];
      for (int i = 0; i < out.length; i++) {
        out[i] = ArithmeticOps.apply(b.op(), ls.values()[i], rs.values()[i]);
      }
      return new Value.Scalar(out);
    }
    if (l instanceof Value.Vector lv && r instanceof Value.Scalar rs) {
      return withScalar(ev, b, lv.series(), rs.values(), false);
    }
    if (l instanceof Value.Scalar ls && r instanceof Value.Vector rv) {
      return withScalar(ev, b, rv.series(), ls.values(), true);
    }
    List<StepSeries> lhs = ((Value.Vector) l).series();
    List<StepSeries> rhs = ((Value.Vector) r).series();
    if (b.op().isSetOperator()) {
      return setOperation(ev, b, lhs, rhs);
    }
    return new Value.Vector(VectorMatcher.evaluate(ev, b, lhs, rhs));
  }

  private static Value withScalar(Evaluator ev, Binary b, List<StepSeries> vec, double[] scalar, boolean swap) {
    BinaryOp op = b.op();
    boolean dropName = op.dropsMetricName() || b.returnBool();
    List<StepSeries> out = new ArrayList<>(vec.size());
    for (StepSeries s : vec) {
      double[] src = s.values();
      double[] v = new double[src.length];
      for (int i = 0; i < v.length; i++) {
        double x = src[i];
        if (StepSeries.isAbsent(x)) {
          v[i] = x;
          continue;
        }
        double lv = swap ? scalar[i] : x;
        double rv = swap ? x : scalar[i];
        if (op.isComparison()) {
          boolean keep = ArithmeticOps.compare(op, lv, rv);
          v[i] = b.returnBool() ? (keep ? 1 : 0) : keep ? x : StepSeries.ABSENT;
        } else {
          v[i] = ArithmeticOps.apply(op, lv, rv);
        }
      }
      out.add(new StepSeries(dropName ? s.labels().withoutMetricName() : s.labels(), v));
    }
    return new Value.Vector(SeriesMerger.merge(out, ev.steps()));
  }

  /** The label set series are matched on: the on() labels, or all but ignoring() and the name. */
  static Labels signature(Labels l, VectorMatching m) {
    if (m.on()) {
      return l.keep(m.labels());
    }
    List<String> dropped = new ArrayList<>(m.labels());
    dropped.add(Labels.METRIC_NAME);
    return l.without(dropped);
  }

  /** Numbers the distinct signatures; returns the number of each series' signature. */
  static int[] signatureIds(List<StepSeries> series, VectorMatching m, Map<Labels, Integer> ids) {
    int[] out = new int[series.size()];
    for (int i = 0; i < out.length; i++) {
      Labels sig = signature(series.get(i).labels(), m);
      Integer id = ids.get(sig);
      if (id == null) {
        id = ids.size();
        ids.put(sig, id);
      }
      out[i] = id;
    }
    return out;
  }

  private static Value setOperation(Evaluator ev, Binary b, List<StepSeries> lhs, List<StepSeries> rhs) {
    Map<Labels, Integer> ids = new HashMap<>();
    int[] lsig = signatureIds(lhs, b.matching(), ids);
    int[] rsig = signatureIds(rhs, b.matching(), ids);
    int steps = ev.steps();
    // stamp[sig] == step + 1 marks a signature present on the other side at this step.
    int[] stamp = new int[ids.size()];
    List<double[]> lout = new ArrayList<>(lhs.size());
    for (StepSeries s : lhs) {
      lout.add(b.op() == BinaryOp.OR ? s.values() : StepSeries.absentArray(steps));
    }
    List<double[]> rout = new ArrayList<>();
    if (b.op() == BinaryOp.OR) {
      for (int j = 0; j < rhs.size(); j++) {
        rout.add(StepSeries.absentArray(steps));
      }
    }
    for (int i = 0; i < steps; i++) {
      if (b.op() == BinaryOp.OR) {
        mark(lhs, lsig, stamp, i);
        for (int j = 0; j < rhs.size(); j++) {
          double v = rhs.get(j).values()[i];
          if (!StepSeries.isAbsent(v) && stamp[rsig[j]] != i + 1) {
            rout.get(j)[i] = v;
          }
        }
        continue;
      }
      mark(rhs, rsig, stamp, i);
      boolean wantMatch = b.op() == BinaryOp.AND;
      for (int j = 0; j < lhs.size(); j++) {
        double v = lhs.get(j).values()[i];
        if (!StepSeries.isAbsent(v) && (stamp[lsig[j]] == i + 1) == wantMatch) {
          lout.get(j)[i] = v;
        }
      }
    }
    SeriesMerger merger = new SeriesMerger(steps);
    for (int j = 0; j < lhs.size(); j++) {
      merger.add(lhs.get(j).labels(), lout.get(j));
    }
    for (int j = 0; j < rout.size(); j++) {
      merger.add(rhs.get(j).labels(), rout.get(j));
    }
    return new Value.Vector(merger.result());
  }

  private static void mark(List<StepSeries> side, int[] sig, int[] stamp, int step) {
    for (int j = 0; j < side.size(); j++) {
      if (!StepSeries.isAbsent(side.get(j).values()[step])) {
        stamp[sig[j]] = step + 1;
      }
    }
  }
}
