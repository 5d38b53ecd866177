package dev.sightline.otlp.prometheus;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import java.util.List;

/**
 * An exponential histogram as classic cumulative buckets, so that {@code histogram_quantile}
 * works on it: each bucket's upper bound ({@code base^(index+1)} for positive buckets,
 * {@code -base^index} for negative ones, the zero threshold for the zero bucket, where
 * {@code base = 2^(2^-scale)}), in ascending order, with the count of everything up to it.
 */
final class ExponentialBuckets {
  private ExponentialBuckets() {}

  interface Consumer {
    void bucket(double upperBound, long cumulativeCount);
  }

  static void forEach(ExponentialHistogramDataPoint p, Consumer out) {
    int scale = p.getScale();
    long cumulative = 0;
    List<Long> negative = p.getNegative().getBucketCountsList();
    int negativeOffset = p.getNegative().getOffset();
    for (int k = negative.size() - 1; k >= 0; k--) {
      cumulative += negative.get(k);
      out.bucket(-power(scale, negativeOffset + (long) k), cumulative);
    }
    cumulative += p.getZeroCount();
    out.bucket(p.getZeroThreshold(), cumulative);
    List<Long> positive = p.getPositive().getBucketCountsList();
    int positiveOffset = p.getPositive().getOffset();
    for (int k = 0; k < positive.size(); k++) {
      cumulative += positive.get(k);
      out.bucket(power(scale, positiveOffset + (long) k + 1), cumulative);
    }
  }

  /** {@code base^index} with {@code base = 2^(2^-scale)}, exact for scales at or below zero. */
  static double power(int scale, long index) {
    return Math.pow(2, Math.scalb((double) index, -scale));
  }
}
