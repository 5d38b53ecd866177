package dev.sightline.bench;

import java.util.Arrays;

/** Request latencies of one worker, kept in a bounded array (the first million requests). */
final class LatencyRecorder {
  private static final int MAX = 1_000_000;
  private long[] nanos = new long[1024];
  private int count;

  void record(long latencyNanos) {
    if (count == nanos.length && count < MAX) {
      nanos = Arrays.copyOf(nanos, Math.min(MAX, count * 2));
    }
    if (count < nanos.length) {
      nanos[count++] = latencyNanos;
    }
  }

  /** Percentiles in milliseconds over all workers: p50, p90, p99, max. */
  static double[] percentiles(LatencyRecorder... workers) {
    int total = Arrays.stream(workers).mapToInt(w -> w.count).sum();
    long[] all = new long[total];
    int at = 0;
    for (LatencyRecorder w : workers) {
      System.arraycopy(w.nanos, 0, all, at, w.count);
      at += w.count;
    }
    Arrays.sort(all);
    if (total == 0) {
      return new double[4];
    }
    return new double[] {ms(all[(int) (total * 0.50)]), ms(all[(int) (total * 0.90)]),
        ms(all[Math.min(total - 1, (int) (total * 0.99))]), ms(all[total - 1])};
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
