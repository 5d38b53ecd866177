package dev.sightline.receivers.prometheus;

import java.util.List;
import java.util.Map;

/**
 * One Prometheus series as received: labels with {@code __name__}, samples as (ms, value), and
 * the exemplars that came with it.
 */
public record PromSeries(Map<String, String> labels, long[] timestampsMs, double[] values,
    List<PromExemplar> exemplars) {
  public PromSeries {
    if (timestampsMs.length != values.length) {
      throw new IllegalArgumentException(timestampsMs.length + " timestamps but " + values.length + " values");
    }
    exemplars = List.copyOf(exemplars);
  }

  public PromSeries(Map<String, String> labels, long[] timestampsMs, double[] values) {
    this(labels, timestampsMs, values, List.of());
  }

  /** An exemplar: its labels (usually {@code trace_id}, {@code span_id}), value and time in ms. */
  public record PromExemplar(Map<String, String> labels, double value, long timestampMs) {
    public PromExemplar {
      labels = Map.copyOf(labels);
    }
  }
}
