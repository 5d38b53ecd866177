package dev.sightline.query.promql;

import dev.sightline.query.promql.VectorMatching.Cardinality;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Arithmetic and comparisons between two vectors: one-to-one, many-to-one ({@code group_left})
 * or one-to-many ({@code group_right}), with Prometheus's errors when a match is ambiguous.
 */
final class VectorMatcher {
  private VectorMatcher() {}

  static List<StepSeries> evaluate(Evaluator ev, Binary b, List<StepSeries> lhsIn, List<StepSeries> rhsIn) {
    VectorMatching m = b.matching();
    boolean oneToMany = m.cardinality() == Cardinality.ONE_TO_MANY;
    // As in Prometheus, group_right swaps the sides so that the "one" side is always on the right.
    List<StepSeries> lhs = oneToMany ? rhsIn : lhsIn;
    List<StepSeries> rhs = oneToMany ? lhsIn : rhsIn;
    Map<Labels, Integer> ids = new HashMap<>();
    int[] lsig = BinaryOperations.signatureIds(lhs, m, ids);
    int[] rsig = BinaryOperations.signatureIds(rhs, m, ids);
    int steps = ev.steps();
    int[] rightAt = new int[ids.size()];
    int[] rightStamp = new int[ids.size()];
    int[] matchedStamp = new int[ids.size()];
    Map<Long, Labels> resultLabels = new HashMap<>();
    int[] lastRight = new int[lhs.size()];
    Arrays.fill(lastRight, -1);
    double[][] lastTarget = new double[lhs.size()][];
    SeriesMerger out = new SeriesMerger(steps);
    BinaryOp op = b.op();
    for (int i = 0; i < steps; i++) {
      int stamp = i + 1;
      for (int j = 0; j < rhs.size(); j++) {
        if (StepSeries.isAbsent(rhs.get(j).values()[i])) {
          continue;
        }
        int sig = rsig[j];
        if (rightStamp[sig] == stamp) {
          throw duplicate(rhs.get(j).labels(), rhs.get(rightAt[sig]).labels(), m, oneToMany);
        }
        rightStamp[sig] = stamp;
        rightAt[sig] = j;
      }
      for (int j = 0; j < lhs.size(); j++) {
        double lv = lhs.get(j).values()[i];
        int sig = lsig[j];
        if (StepSeries.isAbsent(lv) || rightStamp[sig] != stamp) {
          continue;
        }
        int r = rightAt[sig];
        double rv = rhs.get(r).values()[i];
        double vl = oneToMany ? rv : lv;
        double vr = oneToMany ? lv : rv;
        double value;
        if (op.isComparison()) {
          boolean keep = ArithmeticOps.compare(op, vl, vr);
          if (b.returnBool()) {
            value = keep ? 1 : 0;
          } else if (keep) {
            value = vl;
          } else {
            continue;
          }
        } else {
          value = ArithmeticOps.apply(op, vl, vr);
        }
        if (m.cardinality() == Cardinality.ONE_TO_ONE) {
          if (matchedStamp[sig] == stamp) {
            throw PromqlException.execution("multiple matches for labels: many-to-one matching must be "
                + "explicit (group_left/group_right)");
          }
          matchedStamp[sig] = stamp;
        }
        // The output series is looked up only when the matched right side changes.
        double[] target = lastRight[j] == r ? lastTarget[j] : null;
        if (target == null) {
          long pair = ((long) j << 32) | r;
          Labels metric = resultLabels.computeIfAbsent(pair,
              p -> resultMetric(lhs.get((int) (p >>> 32)).labels(), rhs.get((int) (long) p).labels(), b));
          target = out.target(metric);
          lastRight[j] = r;
          lastTarget[j] = target;
        }
        if (!StepSeries.isAbsent(target[i])) {
          // Two matches produced the same output series at this step. Within one match group
          // Prometheus words this differently from a clash between groups.
          boolean sameGroup = m.cardinality() != Cardinality.ONE_TO_ONE && sameGroupWrote(lsig, lastTarget, target, sig, j);
          throw PromqlException.execution(sameGroup
              ? "multiple matches for labels: grouping labels must ensure unique matches"
              : SeriesMerger.DUPLICATE);
        }
        target[i] = value;
      }
    }
    return out.result();
  }

  private static boolean sameGroupWrote(int[] lsig, double[][] lastTarget, double[] target, int sig, int j) {
    for (int k = 0; k < j; k++) {
      if (lsig[k] == sig && lastTarget[k] == target) {
        return true;
      }
    }
    return false;
  }

  private static Labels resultMetric(Labels lhs, Labels rhs, Binary b) {
    VectorMatching m = b.matching();
    Labels l = lhs;
    if (b.op().dropsMetricName()) {
      l = l.withoutMetricName();
    }
    if (m.cardinality() == Cardinality.ONE_TO_ONE) {
      l = m.on() ? l.keep(m.labels()) : l.without(m.labels());
    }
    for (String name : m.include()) {
      l = l.with(name, rhs.get(name));
    }
    if (b.returnBool()) {
      l = l.withoutMetricName();
    }
    return l;
  }

  private static PromqlException duplicate(Labels current, Labels earlier, VectorMatching m, boolean oneToMany) {
    Labels group = m.on() ? current.keep(m.labels()) : BinaryOperations.signature(current, m);
    return PromqlException.execution("found duplicate series for the match group " + group
        + " on the " + (oneToMany ? "left" : "right") + " hand-side of the operation: [" + current
        + ", " + earlier + "];many-to-many matching not allowed: matching labels must be unique on one side");
  }
}
