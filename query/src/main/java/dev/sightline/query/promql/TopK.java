package dev.sightline.query.promql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * topk and bottomk. Per step and group, the elements are chosen with the same binary heap
 * operations as Go's container/heap in Prometheus, so ties resolve to the same series, and the
 * chosen ones are ordered with an insertion sort as Go sorts short slices.
 */
final class TopK {
  private TopK() {}

  static Value evaluate(Evaluator ev, Aggregate a) {
    boolean top = a.op() == AggregateOp.TOPK;
    double[] param = ev.evalScalar(a.param());
    List<StepSeries> in = ev.evalVector(a.expr());
    Aggregation.Grouping grouping = Aggregation.Grouping.of(in, a.grouping(), a.without());
    int steps = ev.steps();
    int groups = grouping.groupLabels().size();
    Map<Integer, double[]> chosen = new LinkedHashMap<>();
    List<Integer> instantOrder = new ArrayList<>();
    int[][] heaps = new int[groups][];
    int[] sizes = new int[groups];
    List<Integer> groupOrder = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      double f = param[i];
      if (!(f >= -0x1p63 && f < 0x1p63)) {
        throw PromqlException.execution("Scalar value " + GoStrings.formatFloat(f) + " overflows int64");
      }
      long k = (long) f;
      if (k < 1) {
        continue;
      }
      int cap = (int) Math.min(k, in.size());
      java.util.Arrays.fill(sizes, 0);
      groupOrder.clear();
      for (int s = 0; s < in.size(); s++) {
        double v = in.get(s).values()[i];
        if (StepSeries.isAbsent(v)) {
          continue;
        }
        int g = grouping.groupOf()[s];
        if (heaps[g] == null || heaps[g].length < cap) {
          heaps[g] = new int[Math.max(cap, 1)];
        }
        int[] h = heaps[g];
        if (sizes[g] == 0) {
          h[0] = s;
          sizes[g] = 1;
          groupOrder.add(g);
          continue;
        }
        double root = in.get(h[0]).values()[i];
        boolean better = top ? root < v : root > v;
        if (sizes[g] < k || better || Double.isNaN(root)) {
          if (sizes[g] == k) {
            if (k == 1) {
              h[0] = s;
              continue;
            }
            sizes[g] = pop(h, sizes[g], in, i, top);
          }
          h[sizes[g]] = s;
          sizes[g]++;
          up(h, sizes[g] - 1, in, i, top);
        }
      }
      for (int g : groupOrder) {
        int[] h = heaps[g];
        int n = sizes[g];
        // Go sorts the heap with sort.Reverse of its ordering: best first, NaN last.
        for (int x = 1; x < n; x++) {
          for (int y = x; y > 0 && less(in, i, h[y - 1], h[y], top); y--) {
            int t = h[y];
            h[y] = h[y - 1];
            h[y - 1] = t;
          }
        }
        for (int x = 0; x < n; x++) {
          int s = h[x];
          chosen.computeIfAbsent(s, key -> StepSeries.absentArray(steps))[i] = in.get(s).values()[i];
          instantOrder.add(s);
        }
      }
    }
    List<StepSeries> out = new ArrayList<>(chosen.size());
    Iterable<Integer> order = steps == 1 ? instantOrder : chosen.keySet();
    for (int s : order) {
      out.add(new StepSeries(in.get(s).labels(), chosen.get(s)));
    }
    return new Value.Vector(out);
  }

  /** The heap order: topk keeps a min-heap, bottomk a max-heap, NaN always at the root. */
  private static boolean less(List<StepSeries> in, int step, int a, int b, boolean top) {
    double x = in.get(a).values()[step];
    double y = in.get(b).values()[step];
    if (Double.isNaN(x)) {
      return true;
    }
    return top ? x < y : x > y;
  }

  private static void up(int[] h, int j, List<StepSeries> in, int step, boolean top) {
    while (true) {
      int i = (j - 1) / 2;
      if (i == j || !less(in, step, h[j], h[i], top)) {
        return;
      }
      int t = h[i];
      h[i] = h[j];
      h[j] = t;
      j = i;
    }
  }

  private static void down(int[] h, int i0, int n, List<StepSeries> in, int step, boolean top) {
    int i = i0;
    while (true) {
      int j1 = 2 * i + 1;
      if (j1 >= n || j1 < 0) {
        return;
      }
      int j = j1;
      int j2 = j1 + 1;
      if (j2 < n && less(in, step, h[j2], h[j1], top)) {
        j = j2;
      }
      if (!less(in, step, h[j], h[i], top)) {
        return;
      }
      int t = h[i];
      h[i] = h[j];
      h[j] = t;
      i = j;
    }
  }

  /** Removes the root; returns the new size. */
  private static int pop(int[] h, int size, List<StepSeries> in, int step, boolean top) {
    int n = size - 1;
    int t = h[0];
    h[0] = h[n];
    h[n] = t;
    down(h, 0, n, in, step, top);
    return n;
  }
}
