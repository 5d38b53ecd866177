package dev.sightline.storage;

import java.util.List;

/** Exemplars of Prometheus series: the link from a metric to the traces behind it. */
public interface ExemplarReader {

  /** Exemplars in {@code [minMs, maxMs]} of the series matching every matcher, by series labels. */
  List<ExemplarSeries> exemplars(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs, int limit);
}
