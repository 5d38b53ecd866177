package dev.sightline.query.promql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects output series by label set. Prometheus evaluates step by step and fails when one
 * step's output has two elements with the same labels, but joins equal label sets from different
 * steps into one series; this does the same across whole series.
 */
final class SeriesMerger {
  static final String DUPLICATE = "vector cannot contain metrics with the same labelset";

  private final Map<Labels, double[]> series = new LinkedHashMap<>();
  private final int steps;

  SeriesMerger(int steps) {
    this.steps = steps;
  }

  /** The values array of the output series with these labels, created absent everywhere. */
  double[] target(Labels labels) {
    return series.computeIfAbsent(labels, l -> StepSeries.absentArray(steps));
  }

  /** Sets one step's value, failing when that series already has a value at that step. */
  void set(Labels labels, int step, double value) {
    double[] t = target(labels);
    if (!StepSeries.isAbsent(t[step])) {
      throw PromqlException.execution(DUPLICATE);
    }
    t[step] = value;
  }

  void add(Labels labels, double[] values) {
    double[] existing = series.get(labels);
    if (existing == null) {
      series.put(labels, values);
      return;
    }
    // Copied before writing: the first array may belong to an input that is not ours to change.
    double[] merged = existing.clone();
    for (int i = 0; i < values.length; i++) {
      if (!StepSeries.isAbsent(values[i])) {
        if (!StepSeries.isAbsent(merged[i])) {
          throw PromqlException.execution(DUPLICATE);
        }
        merged[i] = values[i];
      }
    }
    series.put(labels, merged);
  }

  List<StepSeries> result() {
    List<StepSeries> out = new ArrayList<>(series.size());
    for (Map.Entry<Labels, double[]> e : series.entrySet()) {
      StepSeries s = new StepSeries(e.getKey(), e.getValue());
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** Merges series that share labels, failing where two have a value at the same step. */
  static List<StepSeries> merge(List<StepSeries> in, int steps) {
    SeriesMerger m = new SeriesMerger(steps);
    for (StepSeries s : in) {
      m.add(s.labels(), s.values());
    }
    return m.result();
  }

  /** Fails when two series with values share labels, whatever their steps. */
  static void requireUnique(List<StepSeries> in) {
    Set<Labels> seen = new HashSet<>();
    for (StepSeries s : in) {
      if (!s.isEmpty() && !seen.add(s.labels())) {
        throw PromqlException.execution(DUPLICATE);
      }
    }
  }
}
