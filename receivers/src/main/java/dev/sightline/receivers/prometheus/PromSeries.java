package dev.sightline.receivers.prometheus;

import java.util.Map;

/** One Prometheus series as received: labels with {@code __name__}, samples as (ms, value). */
public record PromSeries(Map<String, String> labels, long[] timestampsMs, double[] values) {
  public PromSeries {
    if (timestampsMs.length != values.length) {
      throw new IllegalArgumentException(timestampsMs.length + " timestamps but " + values.length + " values");
    }
  }
}
