package dev.sightline.server.promql;

import java.util.List;

/**
 * Checks that Prometheus answers a corpus query the way its line says it should: with the marked
 * error type at every evaluation, or successfully, with a non-empty result at some evaluation
 * (or an empty one at all of them where the line is marked {@code empty}). A query that tests
 * nothing because of a typo fails here rather than passing silently.
 */
final class CorpusIntent {
  private CorpusIntent() {}

  static void check(CorpusQuery query, List<Evaluation> evaluations, List<QueryOutcome> prometheus, DiffReport report) {
    boolean anyResult = false;
    for (int i = 0; i < evaluations.size(); i++) {
      QueryOutcome outcome = prometheus.get(i);
      String error = query.expectedError(evaluations.get(i));
      if (error != null) {
        if (outcome.success() || !error.equals(outcome.errorType())) {
          report.problem(query, evaluations.get(i), "corpus: meant to fail with " + error
              + " but Prometheus answered otherwise", outcome, null);
        }
      } else if (!outcome.success()) {
        report.problem(query, evaluations.get(i), "corpus: Prometheus fails a query meant to succeed", outcome, null);
      } else {
        anyResult |= !outcome.series().isEmpty();
        if (query.ordered() && evaluations.get(i).isInstant() && hasTie(outcome)) {
          report.problem(query, evaluations.get(i), "corpus: a sorted query with equal values has no defined order", outcome, null);
        }
      }
    }
    if (query.expectedError() == null && anyResult == query.expectEmpty()) {
      report.problem(query, evaluations.get(0), query.expectEmpty()
          ? "corpus: marked empty but Prometheus has a result at some evaluation"
          : "corpus: Prometheus's result is empty at every evaluation (mark the line 'empty' if meant)", prometheus.get(0), null);
    }
  }

  private static boolean hasTie(QueryOutcome outcome) {
    for (int i = 1; i < outcome.series().size(); i++) {
      double a = outcome.series().get(i - 1).points().get(0).value();
      double b = outcome.series().get(i).points().get(0).value();
      if (a == b || (Double.isNaN(a) && Double.isNaN(b))) {
        return true;
      }
    }
    return false;
  }
}
