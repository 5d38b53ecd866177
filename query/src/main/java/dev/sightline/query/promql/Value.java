package dev.sightline.query.promql;

import java.util.List;

/** What evaluating an expression over a step grid produces. */
sealed interface Value {
  /** A scalar per step; scalars are never absent. */
  record Scalar(double[] values) implements Value {}

  record Text(String value) implements Value {}

  /** Instant vectors across all steps; a series may be absent at some steps. */
  record Vector(List<StepSeries> series) implements Value {}

  /** Raw samples of range vectors, only produced at the top of an instant query. */
  record Range(List<RawSeries> series) implements Value {}
}
