package dev.sightline.server.promql;

import dev.sightline.server.promql.QueryOutcome.Point;
import dev.sightline.server.promql.QueryOutcome.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * Compares Sightline's answer to Prometheus's for one query and evaluation: status and error type;
 * result type; series matched by their full label set (in order only for sorted instant queries);
 * timestamps exactly and values within a relative tolerance, NaN equal to NaN.
 */
final class OutcomeComparison {
  private OutcomeComparison() {}

  /** The first difference, or null where the answers agree. */
  static @Nullable String firstDifference(CorpusQuery query, Evaluation evaluation, QueryOutcome expected, QueryOutcome actual) {
    if (!expected.success() || !actual.success()) {
      if (expected.status().equals(actual.status()) && Objects.equals(expected.errorType(), actual.errorType())) {
        return null;
      }
      return "outcome differs";
    }
    if (!Objects.equals(expected.resultType(), actual.resultType())) {
      return "resultType " + expected.resultType() + " vs " + actual.resultType();
    }
    if (!Objects.equals(expected.stringValue(), actual.stringValue())) {
      return "string \"" + expected.stringValue() + "\" vs \"" + actual.stringValue() + "\"";
    }
    Map<SortedMap<String, String>, Series> want = byLabels(expected.series());
    Map<SortedMap<String, String>, Series> got = byLabels(actual.series());
    if (got == null) {
      return "Sightline answered two series with the same labels: " + duplicate(actual.series());
    }
    if (want == null) {
      return "Prometheus answered two series with the same labels (!): " + duplicate(expected.series());
    }
    for (Map.Entry<SortedMap<String, String>, Series> e : want.entrySet()) {
      if (!got.containsKey(e.getKey())) {
        return "series missing from Sightline (" + got.size() + " vs " + want.size() + " series): " + e.getValue();
      }
    }
    for (Map.Entry<SortedMap<String, String>, Series> e : got.entrySet()) {
      if (!want.containsKey(e.getKey())) {
        return "extra series from Sightline (" + got.size() + " vs " + want.size() + " series): " + e.getValue();
      }
    }
    for (Map.Entry<SortedMap<String, String>, Series> e : want.entrySet()) {
      String d = points(e.getValue(), got.get(e.getKey()), query.tolerance());
      if (d != null) {
        return d;
      }
    }
    if (evaluation.isInstant() && query.ordered()) {
      List<SortedMap<String, String>> wantOrder = expected.series().stream().map(Series::labels).toList();
      List<SortedMap<String, String>> gotOrder = actual.series().stream().map(Series::labels).toList();
      if (!wantOrder.equals(gotOrder)) {
        return "order differs: Prometheus " + wantOrder.stream().map(QueryOutcome::promql).toList()
            + " vs Sightline " + gotOrder.stream().map(QueryOutcome::promql).toList();
      }
    }
    return null;
  }

  private static @Nullable String points(Series want, Series got, double tolerance) {
    List<Point> w = want.points();
    List<Point> g = got.points();
    for (int i = 0; i < Math.max(w.size(), g.size()); i++) {
      if (i >= w.size() || i >= g.size()) {
        Point extra = i < w.size() ? w.get(i) : g.get(i);
        return "series " + QueryOutcome.promql(want.labels()) + ": " + w.size() + " vs " + g.size() + " points; first unmatched " + extra
            + (i < w.size() ? " (only Prometheus)" : " (only Sightline)");
      }
      Point a = w.get(i);
      Point b = g.get(i);
      if (a.millis() != b.millis()) {
        return "series " + QueryOutcome.promql(want.labels()) + ": point " + i + " at " + a + " vs " + b;
      }
      if (!close(a.value(), b.value(), tolerance)) {
        return "series " + QueryOutcome.promql(want.labels()) + ": value at " + Evaluation.seconds(a.millis()) + " Prometheus "
            + QueryOutcome.format(a.value()) + " vs Sightline " + QueryOutcome.format(b.value());
      }
    }
    return null;
  }

  static boolean close(double a, double b, double tolerance) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return a == b;
    }
    return Math.abs(a - b) <= tolerance * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  private static @Nullable Map<SortedMap<String, String>, Series> byLabels(List<Series> series) {
    Map<SortedMap<String, String>, Series> map = new LinkedHashMap<>();
    for (Series s : series) {
      if (map.put(s.labels(), s) != null) {
        return null;
      }
    }
    return map;
  }

  private static String duplicate(List<Series> series) {
    List<SortedMap<String, String>> seen = new ArrayList<>();
    for (Series s : series) {
      if (seen.contains(s.labels())) {
        return s.labels().toString();
      }
      seen.add(s.labels());
    }
    return "(none)";
  }
}
