package dev.sightline.server.promql;

import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** One series of the differential test's data: its full label set (with {@code __name__}) and its samples in time order. */
record TestSeries(SortedMap<String, String> labels, long[] timestamps, double[] values) {
  TestSeries {
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("timestamps and values differ in length for " + labels);
    }
    for (int i = 1; i < timestamps.length; i++) {
      if (timestamps[i] <= timestamps[i - 1]) {
        throw new IllegalArgumentException("timestamps not increasing at " + i + " for " + labels);
      }
    }
  }

  /** Index of the first sample at or after {@code fromMillis}. */
  int firstAtOrAfter(long fromMillis) {
    int i = Arrays.binarySearch(timestamps, fromMillis);
    return i >= 0 ? i : -i - 1;
  }

  @Override
  public String toString() {
    return labels + " (" + timestamps.length + " samples)";
  }
}
