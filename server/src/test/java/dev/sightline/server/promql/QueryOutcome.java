package dev.sightline.server.promql;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A Prometheus HTTP API answer to {@code /api/v1/query} or {@code /api/v1/query_range}, parsed
 * into comparable values: status, error type, result type and series (a scalar or string result
 * is one series without labels).
 */
record QueryOutcome(int httpStatus, String status, @Nullable String errorType, @Nullable String error,
    @Nullable String resultType, List<Series> series, @Nullable String stringValue, String body) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  record Point(long millis, double value) {
    @Override
    public String toString() {
      return "[" + Evaluation.seconds(millis) + ", " + format(value) + "]";
    }
  }

  record Series(SortedMap<String, String> labels, List<Point> points) {
    @Override
    public String toString() {
      String ps = points.size() <= 6 ? points.toString()
          : points.subList(0, 3) + "…(" + points.size() + " points)…" + points.subList(points.size() - 2, points.size());
      return promql(labels) + " " + ps;
    }
  }

  /** Labels as PromQL writes a series: {@code name{a="1", b="2"}}. */
  static String promql(SortedMap<String, String> labels) {
    StringBuilder b = new StringBuilder(labels.getOrDefault("__name__", "")).append('{');
    labels.forEach((name, value) -> {
      if (!name.equals("__name__")) {
        b.append(b.charAt(b.length() - 1) == '{' ? "" : ", ").append(name).append("=\"").append(value).append('"');
      }
    });
    return b.append('}').toString();
  }

  boolean success() {
    return "success".equals(status);
  }

  static QueryOutcome parse(int httpStatus, String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject() || !root.has("status")) {
      return new QueryOutcome(httpStatus, "http " + httpStatus, "not-prometheus-json", abbreviate(body), null, List.of(), null, body);
    }
    String status = root.path("status").asText();
    if (!"success".equals(status)) {
      return new QueryOutcome(httpStatus, status, root.path("errorType").asText(null), root.path("error").asText(null),
          null, List.of(), null, body);
    }
    JsonNode data = root.path("data");
    String type = data.path("resultType").asText(null);
    JsonNode result = data.path("result");
    List<Series> series = new ArrayList<>();
    String string = null;
    switch (String.valueOf(type)) {
      case "scalar" -> series.add(new Series(new TreeMap<>(), List.of(point(result))));
      case "string" -> {
        string = result.path(1).asText();
        series.add(new Series(new TreeMap<>(), List.of(new Point(millis(result.path(0)), Double.NaN))));
      }
      case "vector", "matrix" -> {
        for (JsonNode element : result) {
          List<Point> points = new ArrayList<>();
          if (element.has("value")) {
            points.add(point(element.get("value")));
          }
          for (JsonNode p : element.path("values")) {
            points.add(point(p));
          }
          series.add(new Series(labels(element.path("metric")), Collections.unmodifiableList(points)));
        }
      }
      default -> {
        return new QueryOutcome(httpStatus, "success", "unknown-result-type", "resultType " + type, type, List.of(), null, body);
      }
    }
    return new QueryOutcome(httpStatus, status, null, null, type, Collections.unmodifiableList(series), string, body);
  }

  private static SortedMap<String, String> labels(JsonNode metric) {
    TreeMap<String, String> labels = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : metric.properties()) {
      labels.put(e.getKey(), e.getValue().asText());
    }
    return Collections.unmodifiableSortedMap(labels);
  }

  private static Point point(JsonNode pair) {
    return new Point(millis(pair.path(0)), value(pair.path(1).asText()));
  }

  /** Timestamps are seconds with up to millisecond decimals; compared exactly, in milliseconds. */
  static long millis(JsonNode seconds) {
    return new BigDecimal(seconds.asText()).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
  }

  static double value(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf", "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
      case "-Inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(v);
  }

  static String abbreviate(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }

  /** A short description for reports. */
  String summary() {
    if (!success()) {
      return status + " (HTTP " + httpStatus + ", errorType " + errorType + "): " + abbreviate(String.valueOf(error));
    }
    String s = resultType + " with " + series.size() + " series";
    return stringValue == null ? s : s + " \"" + stringValue + "\"";
  }
}
