package dev.sightline.storage.duckdb;

/**
 * The aggregates of one series' samples in one rollup window, built sample by sample. Stale
 * markers are left out; NaN values count, and min and max treat them as Prometheus's
 * {@code min_over_time} does (a NaN is replaced by the next number). {@code increase} is what a
 * counter gained in the window, counted from the previous window's last value and with a reset
 * adding the value after it, as Prometheus's {@code increase} counts resets.
 */
final class RollupWindow {
  long n;
  double sum;
  double min;
  double max;
  double last;
  long lastT;
  double increase;
  private boolean hasPrevious;
  private double previous;

  /** Starts the next window; {@code previous} is the series' last value before it, if any. */
  void reset(boolean hasPrevious, double previous) {
    n = 0;
    sum = 0;
    increase = 0;
    this.hasPrevious = hasPrevious;
    this.previous = previous;
  }

  void add(long t, double v) {
    if (dev.sightline.storage.StaleMarker.is(v)) {
      return;
    }
    if (n == 0 || v < min || Double.isNaN(min)) {
      min = v;
    }
    if (n == 0 || v > max || Double.isNaN(max)) {
      max = v;
    }
    n++;
    sum += v;
    if (hasPrevious) {
      increase += v < previous ? v : v - previous;
    }
    hasPrevious = true;
    previous = v;
    last = v;
    lastT = t;
  }

  boolean hasPrevious() {
    return hasPrevious;
  }

  double previous() {
    return previous;
  }
}
