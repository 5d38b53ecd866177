package dev.sightline.query.promql;

import java.util.Arrays;

/**
 * One output series of an instant-vector expression across all steps of the grid. Steps without
 * a value hold {@link #ABSENT}, a NaN with a payload no arithmetic creates, so that real NaN
 * values stay distinguishable from missing ones without a second array.
 */
record StepSeries(Labels labels, double[] values) {
  static final long ABSENT_BITS = 0x7ff0000000000dadL;
  static final double ABSENT = Double.longBitsToDouble(ABSENT_BITS);

  static boolean isAbsent(double v) {
    return Double.doubleToRawLongBits(v) == ABSENT_BITS;
  }

  static double[] absentArray(int n) {
    double[] a = new double[n];
    Arrays.fill(a, ABSENT);
    return a;
  }

  boolean isEmpty() {
    for (double v : values) {
      if (!isAbsent(v)) {
        return false;
      }
    }
    return true;
  }

  int presentCount() {
    int n = 0;
    for (double v : values) {
      if (!isAbsent(v)) {
        n++;
      }
    }
    return n;
  }
}
