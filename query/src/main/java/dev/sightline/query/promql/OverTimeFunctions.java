package dev.sightline.query.promql;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The {@code *_over_time} aggregations of a window, summed with Kahan-Neumaier compensation and
 * averaged incrementally exactly as Prometheus does, so results agree to the last bits.
 */
final class OverTimeFunctions {
  private OverTimeFunctions() {}

  static @Nullable WindowFunction get(String name) {
    return switch (name) {
      case "avg_over_time" -> OverTimeFunctions::avg;
      case "sum_over_time" -> OverTimeFunctions::sum;
      case "count_over_time" -> (ts, vs, from, to, w) -> to - from;
      case "last_over_time" -> (ts, vs, from, to, w) -> vs[to - 1];
      case "present_over_time", "absent_over_time" -> (ts, vs, from, to, w) -> 1;
      case "max_over_time" -> (ts, vs, from, to, w) -> {
        double max = vs[from];
        for (int i = from; i < to; i++) {
          if (vs[i] > max || Double.isNaN(max)) {
            max = vs[i];
          }
        }
        return max;
      };
      case "min_over_time" -> (ts, vs, from, to, w) -> {
        double min = vs[from];
        for (int i = from; i < to; i++) {
          if (vs[i] < min || Double.isNaN(min)) {
            min = vs[i];
          }
        }
        return min;
      };
      case "stddev_over_time" -> (ts, vs, from, to, w) -> Math.sqrt(variance(vs, from, to));
      case "stdvar_over_time" -> (ts, vs, from, to, w) -> variance(vs, from, to);
      case "quantile_over_time" -> (ts, vs, from, to, w) ->
          quantile(w.arg0, Arrays.copyOfRange(vs, from, to));
      default -> null;
    };
  }

  private static double avg(long[] ts, double[] vs, int from, int to, WindowFunction.Window w) {
    double mean = 0;
    double c = 0;
    double count = 0;
    for (int i = from; i < to; i++) {
      double v = vs[i];
      count++;
      if (Double.isInfinite(mean)) {
        if (Double.isInfinite(v) && (mean > 0) == (v > 0)) {
          continue;
        }
        if (!Double.isInfinite(v) && !Double.isNaN(v)) {
          continue;
        }
      }
      double inc = v / count - mean / count;
      double t = mean + inc;
      c += Math.abs(mean) >= Math.abs(inc) ? (mean - t) + inc : (inc - t) + mean;
      mean = t;
    }
    return Double.isInfinite(mean) ? mean : mean + c;
  }

  private static double sum(long[] ts, double[] vs, int from, int to, WindowFunction.Window w) {
    double sum = 0;
    double c = 0;
    for (int i = from; i < to; i++) {
      double v = vs[i];
      double t = sum + v;
      c += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
      sum = t;
    }
    return Double.isInfinite(sum) ? sum : sum + c;
  }

  private static double variance(double[] vs, int from, int to) {
    double count = 0;
    double mean = 0, cMean = 0, aux = 0, cAux = 0;
    for (int i = from; i < to; i++) {
      double v = vs[i];
      count++;
      double delta = v - (mean + cMean);
      double inc = delta / count;
      double t = mean + inc;
      cMean += Math.abs(mean) >= Math.abs(inc) ? (mean - t) + inc : (inc - t) + mean;
      mean = t;
      double inc2 = delta * (v - (mean + cMean));
      t = aux + inc2;
      cAux += Math.abs(aux) >= Math.abs(inc2) ? (aux - t) + inc2 : (inc2 - t) + aux;
      aux = t;
    }
    return (aux + cAux) / count;
  }

  /**
   * Prometheus's quantile: NaN values sort first, linear interpolation between the closest ranks,
   * and -Inf/+Inf for q below 0 or above 1. Sorts {@code values} in place.
   */
  static double quantile(double q, double[] values) {
    if (values.length == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    sortNaNFirst(values);
    double n = values.length;
    double rank = q * (n - 1);
    double lower = Math.max(0, Math.floor(rank));
    double upper = Math.min(n - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return values[(int) lower] * (1 - weight) + values[(int) upper] * weight;
  }

  static void sortNaNFirst(double[] values) {
    Arrays.sort(values);
    // Arrays.sort puts NaN last; Prometheus's ordering puts it first.
    int nan = 0;
    for (int i = values.length - 1; i >= 0 && Double.isNaN(values[i]); i--) {
      nan++;
    }
    if (nan > 0 && nan < values.length) {
      double[] copy = values.clone();
      System.arraycopy(copy, copy.length - nan, values, 0, nan);
      System.arraycopy(copy, 0, values, nan, copy.length - nan);
    }
  }
}
