package dev.sightline.alerting.anomaly;

/**
 * What a series is expected to be at one time: the median of its comparable past values
 * ({@code expected}), the band it may move in, and how many past values it was learnt from.
 */
public record Band(double expected, double low, double high, int samples) {
  public Band {
    if (!(low <= expected && expected <= high)) {
      throw new IllegalArgumentException("band must hold its expected value: low=" + low + ", expected="
          + expected + ", high=" + high);
    }
  }

  public boolean contains(double value) {
    return value >= low && value <= high;
  }
}
