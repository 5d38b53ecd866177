package dev.sightline.storage;

import java.util.List;

/** Reads metric points as series. */
public interface MetricReader {

  /** Metric names with points in the range, sorted. */
  List<String> metricNames(String tenant, TimeRange range);

  /** Label names of series with points in the range, sorted, {@code __name__} included. */
  List<String> labelNames(String tenant, TimeRange range);

  /** Values of one label across series with points in the range, sorted. */
  List<String> labelValues(String tenant, String labelName, TimeRange range);

  List<StoredSeries> series(SeriesQuery query);
}
