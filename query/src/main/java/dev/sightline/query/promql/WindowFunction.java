package dev.sightline.query.promql;

/**
 * A range vector function applied to one series' samples in one step's window,
 * {@code [from, to)} of the arrays, never empty. Returns {@link StepSeries#ABSENT} for no result.
 */
@FunctionalInterface
interface WindowFunction {
  double apply(long[] ts, double[] vs, int from, int to, Window w);

  /**
   * The step being computed: the window bounds (as Prometheus computes them from the step time,
   * range, offset and {@code @}), the step time, and the scalar arguments at this step. One
   * instance is reused across steps to keep the inner loop free of allocation.
   */
  final class Window {
    long rangeStart;
    long rangeEnd;
    long rangeMs;
    long stepTime;
    double arg0;
    double arg1;
  }
}
