package dev.sightline.query.promql;

import static dev.sightline.query.promql.StepSeries.ABSENT;

import org.jspecify.annotations.Nullable;

/**
 * Rates, deltas, derivatives and predictions over a window, with Prometheus's exact arithmetic
 * (extrapolatedRate, instantValue, linearRegression and Holt-Winters from promql/functions.go).
 */
final class RateFunctions {
  private RateFunctions() {}

  static @Nullable WindowFunction get(String name) {
    return switch (name) {
      case "rate" -> (ts, vs, from, to, w) -> extrapolatedRate(ts, vs, from, to, w, true, true);
      case "increase" -> (ts, vs, from, to, w) -> extrapolatedRate(ts, vs, from, to, w, true, false);
      case "delta" -> (ts, vs, from, to, w) -> extrapolatedRate(ts, vs, from, to, w, false, false);
      case "irate" -> (ts, vs, from, to, w) -> instantValue(ts, vs, from, to, true);
      case "idelta" -> (ts, vs, from, to, w) -> instantValue(ts, vs, from, to, false);
      case "deriv" -> (ts, vs, from, to, w) ->
          to - from < 2 ? ABSENT : linearRegression(ts, vs, from, to, ts[from])[0];
      case "predict_linear" -> (ts, vs, from, to, w) -> {
        if (to - from < 2) {
          return ABSENT;
        }
        double[] r = linearRegression(ts, vs, from, to, w.stepTime);
        return r[0] * w.arg0 + r[1];
      };
      case "holt_winters" -> RateFunctions::holtWinters;
      case "changes" -> (ts, vs, from, to, w) -> {
        int changes = 0;
        double prev = vs[from];
        for (int i = from + 1; i < to; i++) {
          double cur = vs[i];
          if (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev))) {
            changes++;
          }
          prev = cur;
        }
        return changes;
      };
      case "resets" -> (ts, vs, from, to, w) -> {
        int resets = 0;
        double prev = vs[from];
        for (int i = from + 1; i < to; i++) {
          if (vs[i] < prev) {
            resets++;
          }
          prev = vs[i];
        }
        return resets;
      };
      default -> null;
    };
  }

  static double extrapolatedRate(long[] ts, double[] vs, int from, int to, WindowFunction.Window w,
      boolean isCounter, boolean isRate) {
    int n = to - from;
    if (n < 2) {
      return ABSENT;
    }
    double first = vs[from];
    double result = vs[to - 1] - first;
    if (isCounter) {
      double prev = first;
      for (int i = from + 1; i < to; i++) {
        if (vs[i] < prev) {
          result += prev;
        }
        prev = vs[i];
      }
    }
    double durationToStart = (ts[from] - w.rangeStart) / 1000.0;
    double durationToEnd = (w.rangeEnd - ts[to - 1]) / 1000.0;
    double sampledInterval = (ts[to - 1] - ts[from]) / 1000.0;
    double averageBetweenSamples = sampledInterval / (n - 1);
    if (isCounter && result > 0 && first >= 0) {
      // A counter cannot go below zero, so extrapolation stops at the zero point.
      double durationToZero = sampledInterval * (first / result);
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    double threshold = averageBetweenSamples * 1.1;
    double extrapolateTo = sampledInterval;
    extrapolateTo += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2;
    extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2;
    double factor = extrapolateTo / sampledInterval;
    if (isRate) {
      factor /= w.rangeMs / 1000.0;
    }
    return result * factor;
  }

  private static double instantValue(long[] ts, double[] vs, int from, int to, boolean isRate) {
    if (to - from < 2) {
      return ABSENT;
    }
    double last = vs[to - 1];
    double previous = vs[to - 2];
    double result = isRate && last < previous ? last : last - previous;
    long interval = ts[to - 1] - ts[to - 2];
    if (interval == 0) {
      return ABSENT;
    }
    return isRate ? result / (interval / 1000.0) : result;
  }

  /** Least squares over the window: {slope, intercept at interceptTime}, Kahan-summed. */
  static double[] linearRegression(long[] ts, double[] vs, int from, int to, long interceptTime) {
    double n = 0;
    double sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
    double initY = vs[from];
    boolean constY = true;
    for (int i = from; i < to; i++) {
      double y = vs[i];
      if (constY && i > from && y != initY) {
        constY = false;
      }
      n += 1;
      double x = (ts[i] - interceptTime) / 1e3;
      double t = sumX + x;
      cX += Math.abs(sumX) >= Math.abs(x) ? (sumX - t) + x : (x - t) + sumX;
      sumX = t;
      t = sumY + y;
      cY += Math.abs(sumY) >= Math.abs(y) ? (sumY - t) + y : (y - t) + sumY;
      sumY = t;
      double xy = x * y;
      t = sumXY + xy;
      cXY += Math.abs(sumXY) >= Math.abs(xy) ? (sumXY - t) + xy : (xy - t) + sumXY;
      sumXY = t;
      double x2 = x * x;
      t = sumX2 + x2;
      cX2 += Math.abs(sumX2) >= Math.abs(x2) ? (sumX2 - t) + x2 : (x2 - t) + sumX2;
      sumX2 = t;
    }
    if (constY) {
      if (Double.isInfinite(initY)) {
        return new double[] {Double.NaN, Double.NaN};
      }
      return new double[] {0, initY};
    }
    sumX += cX;
    sumY += cY;
    sumXY += cXY;
    sumX2 += cX2;
    double covXY = sumXY - sumX * sumY / n;
    double varX = sumX2 - sumX * sumX / n;
    double slope = covXY / varX;
    double intercept = sumY / n - slope * sumX / n;
    return new double[] {slope, intercept};
  }

  private static double holtWinters(long[] ts, double[] vs, int from, int to, WindowFunction.Window w) {
    double sf = w.arg0;
    double tf = w.arg1;
    if (sf <= 0 || sf >= 1) {
      throw PromqlException.execution("invalid smoothing factor. Expected: 0 < sf < 1, got: " + goFloat(sf));
    }
    if (tf <= 0 || tf >= 1) {
      throw PromqlException.execution("invalid trend factor. Expected: 0 < tf < 1, got: " + goFloat(tf));
    }
    int l = to - from;
    if (l < 2) {
      return ABSENT;
    }
    double s0 = 0;
    double s1 = vs[from];
    double b = vs[from + 1] - vs[from];
    for (int i = 1; i < l; i++) {
      double x = sf * vs[from + i];
      // The trend at the previous point; the first one is the initial trend itself.
      if (i - 1 != 0) {
        b = tf * (s1 - s0) + (1 - tf) * b;
      }
      double y = (1 - sf) * (s1 + b);
      s0 = s1;
      s1 = x + y;
    }
    return s1;
  }

  private static String goFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return String.format(java.util.Locale.ROOT, "%.6f", v);
  }
}
