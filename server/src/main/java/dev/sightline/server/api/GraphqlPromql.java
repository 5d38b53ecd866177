package dev.sightline.server.api;

import dev.sightline.query.promql.QueryResult;
import dev.sightline.server.api.GraphqlValues.Label;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A PromQL result as the GraphQL {@code PromqlResult} type shows it, label values masked for the caller. */
record GraphqlPromql(String resultType, List<Series> series, @Nullable Point scalar, @Nullable String text) {

  record Series(List<Label> labels, List<Point> points) {}

  record Point(long timestampMs, String value) {
    Point(long timestampMs, double value) {
      this(timestampMs, format(value));
    }
  }

  static GraphqlPromql of(QueryResult result, Masking masking) {
    return switch (result) {
      case QueryResult.ScalarResult s -> new GraphqlPromql("SCALAR", List.of(), new Point(s.timestampMs(), s.value()), null);
      case QueryResult.StringResult s -> new GraphqlPromql("STRING", List.of(), null, s.value());
      case QueryResult.VectorResult v -> new GraphqlPromql("VECTOR", v.samples().stream()
          .map(s -> new Series(GraphqlValues.labels(s.labels(), masking), List.of(new Point(s.timestampMs(), s.value()))))
          .toList(), null, null);
      case QueryResult.MatrixResult m -> {
        List<Series> series = new ArrayList<>(m.series().size());
        for (QueryResult.Series s : m.series()) {
          List<Point> points = new ArrayList<>(s.timestamps().length);
          for (int i = 0; i < s.timestamps().length; i++) {
            points.add(new Point(s.timestamps()[i], s.values()[i]));
          }
          series.add(new Series(GraphqlValues.labels(s.labels(), masking), points));
        }
        yield new GraphqlPromql("MATRIX", series, null, null);
      }
    };
  }

  /** As Prometheus writes a value (Go's {@code FormatFloat(v, 'f', -1, 64)}): shortest digits, no exponent. */
  static String format(double v) {
    return dev.sightline.server.api.prometheus.PromJson.value(v);
  }
}
