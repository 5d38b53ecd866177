package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One Prometheus series as PromQL sees it: its labels ({@code __name__} included, sorted by name)
 * and its samples oldest first, timestamps in milliseconds. A value may be the Prometheus stale
 * marker ({@link StaleMarker#VALUE}); readers return it as stored.
 */
public record SampleSeries(Map<String, String> labels, long[] timestamps, double[] values) {
  public SampleSeries {
    requireNonNull(labels, "labels");
    requireNonNull(timestamps, "timestamps");
    requireNonNull(values, "values");
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException(
          timestamps.length + " timestamps but " + values.length + " values");
    }
  }

  public int size() {
    return timestamps.length;
  }
}
