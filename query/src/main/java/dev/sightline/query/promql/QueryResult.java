package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The result of a query, shaped as the Prometheus HTTP API returns it. Range queries always
 * return a {@link MatrixResult}.
 */
public sealed interface QueryResult {

  record ScalarResult(long timestampMs, double value) implements QueryResult {}

  record StringResult(long timestampMs, String value) implements QueryResult {
    public StringResult {
      requireNonNull(value, "value");
    }
  }

  /** An instant vector; its order is Prometheus's (meaningful after sort, sort_desc, topk...). */
  record VectorResult(List<Sample> samples) implements QueryResult {
    public VectorResult {
      samples = List.copyOf(requireNonNull(samples, "samples"));
    }
  }

  /** Series ordered by labels, each with its points oldest first. */
  record MatrixResult(List<Series> series) implements QueryResult {
    public MatrixResult {
      series = List.copyOf(requireNonNull(series, "series"));
    }
  }

  /** One element of an instant vector; labels are sorted by name. */
  record Sample(Map<String, String> labels, long timestampMs, double value) {
    public Sample {
      requireNonNull(labels, "labels");
    }
  }

  /** One series of a matrix; labels are sorted by name. */
  record Series(Map<String, String> labels, long[] timestamps, double[] values) {
    public Series {
      requireNonNull(labels, "labels");
      requireNonNull(timestamps, "timestamps");
      requireNonNull(values, "values");
    }
  }
}
