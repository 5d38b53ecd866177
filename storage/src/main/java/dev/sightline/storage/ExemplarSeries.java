package dev.sightline.storage;

import java.util.List;
import java.util.Map;

/** The exemplars of one series, oldest first, as {@code /api/v1/query_exemplars} returns them. */
public record ExemplarSeries(Map<String, String> seriesLabels, List<Exemplar> exemplars) {
  public ExemplarSeries {
    seriesLabels = Map.copyOf(seriesLabels);
    exemplars = List.copyOf(exemplars);
  }

  /** One exemplar: its labels ({@code trace_id}, {@code span_id}, …), value and time. */
  public record Exemplar(Map<String, String> labels, double value, long timestampMs) {
    public Exemplar {
      labels = Map.copyOf(labels);
    }
  }
}
