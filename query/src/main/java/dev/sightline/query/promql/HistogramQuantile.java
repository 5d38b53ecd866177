package dev.sightline.query.promql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * histogram_quantile over classic {@code le} buckets, Prometheus's bucketQuantile: buckets with
 * the same bound are merged, counts are forced monotonic, a +Inf bucket is required, and the
 * quantile is interpolated linearly within its bucket.
 */
final class HistogramQuantile {
  private HistogramQuantile() {}

  private static final class Group {
    final Labels output;
    final List<Integer> series = new ArrayList<>();
    final List<Double> bounds = new ArrayList<>();

    Group(Labels output) {
      this.output = output;
    }
  }

  static Value evaluate(Evaluator ev, Call c) {
    double[] q = ev.evalScalar(c.args().get(0));
    List<StepSeries> in = ev.evalVector(c.args().get(1));
    // Buckets are grouped by all labels but le; the metric name is only dropped from the output.
    Map<Labels, Group> groups = new LinkedHashMap<>();
    for (int s = 0; s < in.size(); s++) {
      Labels labels = in.get(s).labels();
      double bound;
      try {
        bound = parseGoFloat(labels.get("le"));
      } catch (NumberFormatException e) {
        continue;
      }
      Labels key = labels.without(List.of("le"));
      Group g = groups.computeIfAbsent(key, k -> new Group(k.withoutMetricName()));
      g.series.add(s);
      g.bounds.add(bound);
    }
    int steps = ev.steps();
    SeriesMerger out = new SeriesMerger(steps);
    double[] bounds = new double[16];
    double[] counts = new double[16];
    for (Group g : groups.values()) {
      int size = g.series.size();
      if (bounds.length < size) {
        bounds = new double[size];
        counts = new double[size];
      }
      for (int i = 0; i < steps; i++) {
        int n = 0;
        for (int k = 0; k < size; k++) {
          double v = in.get(g.series.get(k)).values()[i];
          if (!StepSeries.isAbsent(v)) {
            bounds[n] = g.bounds.get(k);
            counts[n++] = v;
          }
        }
        if (n > 0) {
          out.set(g.output, i, bucketQuantile(q[i], bounds, counts, n));
        }
      }
    }
    return new Value.Vector(out.result());
  }

  /** Go's strconv.ParseFloat, which also accepts Inf and +Inf in any case. */
  static double parseGoFloat(String s) {
    String t = s.startsWith("+") ? s.substring(1) : s;
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals("-inf") || lower.equals("-infinity")) {
      return Double.NEGATIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    if (s.isEmpty() || !s.chars().allMatch(ch -> Lexer.isDigit(ch) || ".eE+-_xXpP".indexOf(ch) >= 0
        || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) {
      throw new NumberFormatException(s);
    }
    return Double.parseDouble(s);
  }

  /** The quantile of the first n buckets; sorts and merges them in place. */
  static double bucketQuantile(double q, double[] bounds, double[] counts, int n) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    sortByBound(bounds, counts, n);
    if (bounds[n - 1] != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    // Coalesce buckets with equal bounds.
    int i = 0;
    for (int k = 1; k < n; k++) {
      if (bounds[k] == bounds[i]) {
        counts[i] += counts[k];
      } else {
        i++;
        bounds[i] = bounds[k];
        counts[i] = counts[k];
      }
    }
    n = i + 1;
    // Counts must not decrease; precision loss in the sources can make them.
    double max = counts[0];
    for (int k = 1; k < n; k++) {
      if (counts[k] > max) {
        max = counts[k];
      } else if (counts[k] < max) {
        counts[k] = max;
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double observations = counts[n - 1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < n - 1 && !(counts[b] >= rank)) {
      b++;
    }
    if (b == n - 1) {
      return bounds[n - 2];
    }
    if (b == 0 && bounds[0] <= 0) {
      return bounds[0];
    }
    double bucketStart = 0;
    double bucketEnd = bounds[b];
    double count = counts[b];
    if (b > 0) {
      bucketStart = bounds[b - 1];
      count -= counts[b - 1];
      rank -= counts[b - 1];
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
  }

  private static void sortByBound(double[] bounds, double[] counts, int n) {
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(bounds[a], bounds[b]));
    double[] b2 = Arrays.copyOf(bounds, n);
    double[] c2 = Arrays.copyOf(counts, n);
    for (int i = 0; i < n; i++) {
      bounds[i] = b2[idx[i]];
      counts[i] = c2[idx[i]];
    }
  }
}
