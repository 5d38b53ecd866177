package dev.sightline.storage.duckdb.chunk;

/**
 * Values as integer mantissas at one decimal exponent, as VictoriaMetrics keeps them: {@code 12.5}
 * and {@code 3} become {@code 125} and {@code 30} at exponent -1. Mantissas are then written as
 * zigzag varints of their deltas (gauges) or of their deltas of deltas (steady counters), whichever
 * is smaller. Values that have no such form (NaN, the stale marker, infinities, {@code -0.0}, more
 * than 15 significant digits) are exceptions kept as raw bits, their slot repeating the previous
 * mantissa. Every value is checked to decode to exactly its bits before this form is chosen.
 */
final class DecimalValues {
  private static final double[] POW10 = new double[23];
  private static final long[] LONG_POW10 = new long[19];
  private static final double MAX_MANTISSA = 1e15;

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
    long q = 1;
    for (int i = 0; i < LONG_POW10.length; i++) {
      LONG_POW10[i] = q;
      q *= 10;
    }
  }

  /** Mantissas at a common exponent, with the indexes that are exceptions; null when unsuitable. */
  record Form(long[] mantissas, int exponent, int[] exceptions, int exceptionCount) {}

  private DecimalValues() {}

  static Form analyse(double[] values, int n) {
    long[] mantissas = new long[n];
    int[] exponents = new int[n];
    int[] exceptions = new int[n];
    int exceptionCount = 0;
    int common = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      if (!decompose(v, mantissas, exponents, i)) {
        exceptions[exceptionCount++] = i;
        if (exceptionCount > n / 4 + 1) {
          return null;
        }
        continue;
      }
      common = Math.min(common, exponents[i]);
    }
    if (common == Integer.MAX_VALUE) {
      common = 0;
    }
    int e = 0;
    long previous = 0;
    for (int i = 0; i < n; i++) {
      if (e < exceptionCount && exceptions[e] == i) {
        mantissas[i] = previous;
        e++;
        continue;
      }
      int shift = exponents[i] - common;
      if (shift >= LONG_POW10.length) {
        return null;
      }
      long m = mantissas[i];
      long scaled = m * LONG_POW10[shift];
      if (Math.abs(scaled) > (1L << 53) || scaled / LONG_POW10[shift] != m
          || Double.doubleToRawLongBits(value(scaled, common)) != Double.doubleToRawLongBits(values[i])) {
        return null;
      }
      mantissas[i] = scaled;
      previous = scaled;
    }
    return new Form(mantissas, common, exceptions, exceptionCount);
  }

  /** The double a mantissa stands for at {@code exponent}; exact as long as the encoder checked it. */
  static double value(long mantissa, int exponent) {
    if (exponent == 0) {
      return mantissa;
    }
    return exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
  }

  private static boolean decompose(double v, long[] mantissas, int[] exponents, int i) {
    if (!Double.isFinite(v) || Double.doubleToRawLongBits(v) == Long.MIN_VALUE) {
      return false;
    }
    double abs = Math.abs(v);
    if (abs < MAX_MANTISSA) {
      for (int k = 0; k <= 15; k++) {
        double scaled = v * POW10[k];
        double m = Math.rint(scaled);
        if (Math.abs(m) < MAX_MANTISSA && (k == 0 ? m == v : m / POW10[k] == v)) {
          mantissas[i] = (long) m;
          exponents[i] = -k;
          return true;
        }
      }
      return false;
    }
    for (int k = 1; k < POW10.length; k++) {
      double m = Math.rint(v / POW10[k]);
      if (Math.abs(m) < MAX_MANTISSA && m * POW10[k] == v) {
        mantissas[i] = (long) m;
        exponents[i] = k;
        return true;
      }
    }
    return false;
  }

  static void encode(Form form, double[] values, int n, boolean secondOrder, ByteOutput out) {
    out.writeZigzag(form.exponent());
    out.writeVarint(form.exceptionCount());
    int last = 0;
    for (int e = 0; e < form.exceptionCount(); e++) {
      int index = form.exceptions()[e];
      out.writeVarint(index - last);
      out.writeLong(Double.doubleToRawLongBits(values[index]));
      last = index;
    }
    long[] m = form.mantissas();
    long previous = 0;
    long previousDelta = 0;
    for (int i = 0; i < n; i++) {
      long delta = m[i] - previous;
      out.writeZigzag(secondOrder && i > 0 ? delta - previousDelta : delta);
      previousDelta = delta;
      previous = m[i];
    }
  }

  /** Bytes the mantissas take as deltas ({@code [0]}) and as deltas of deltas ({@code [1]}). */
  static long[] sizes(long[] m, int n) {
    long first = 0;
    long second = 0;
    long previous = 0;
    long previousDelta = 0;
    for (int i = 0; i < n; i++) {
      long delta = m[i] - previous;
      first += ByteOutput.zigzagSize(delta);
      second += ByteOutput.zigzagSize(i > 0 ? delta - previousDelta : delta);
      previousDelta = delta;
      previous = m[i];
    }
    return new long[] {first, second};
  }

  static void decode(ByteInput in, double[] values, int n, boolean secondOrder) {
    int exponent = (int) in.readZigzag();
    int exceptionCount = (int) in.readVarint();
    int[] indexes = new int[exceptionCount];
    long[] raw = new long[exceptionCount];
    int last = 0;
    for (int e = 0; e < exceptionCount; e++) {
      last += (int) in.readVarint();
      indexes[e] = last;
      raw[e] = in.readLong();
    }
    long previous = 0;
    long previousDelta = 0;
    for (int i = 0; i < n; i++) {
      long read = in.readZigzag();
      long delta = secondOrder && i > 0 ? previousDelta + read : read;
      long m = previous + delta;
      values[i] = value(m, exponent);
      previousDelta = delta;
      previous = m;
    }
    for (int e = 0; e < exceptionCount; e++) {
      if (indexes[e] >= n) {
        throw new IllegalArgumentException("corrupt chunk: exception at " + indexes[e] + " of " + n);
      }
      values[indexes[e]] = Double.longBitsToDouble(raw[e]);
    }
  }
}
