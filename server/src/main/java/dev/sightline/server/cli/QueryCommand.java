package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", description = "Run PromQL: the value of each series now (or at --time), or with --range a sparkline per series.")
final class QueryCommand implements Callable<Integer> {
  private static final char[] TICKS = "▁▂▃▄▅▆▇█".toCharArray();
  @Mixin Common common;
  @Parameters(index = "0", description = "a PromQL expression, e.g. 'sum by (job) (rate(http_requests_total[5m]))'") String promql;
  @Option(names = "--time", description = "evaluate at this time (RFC 3339 or Unix seconds)") String time;
  @Option(names = "--range", description = "a range ending now, e.g. 1h, for a sparkline per series") String range;
  @Option(names = "--step", description = "the range's resolution (default: the range over 60 points)") String step;

  @Override
  public Integer call() {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("query", promql);
    JsonNode answer;
    if (range == null) {
      q.put("time", time);
      answer = common.api().get("/api/v1/query?" + ApiClient.query(q));
    } else {
      long seconds = Duration.parse("PT" + range.toUpperCase(java.util.Locale.ROOT)).toSeconds();
      long end = System.currentTimeMillis() / 1000;
      q.put("start", end - seconds);
      q.put("end", end);
      q.put("step", step != null ? step : Math.max(1, seconds / 60) + "s");
      answer = common.api().get("/api/v1/query_range?" + ApiClient.query(q));
    }
    if (common.output().format() == Output.Format.json) {
      common.output().json(answer);
      return 0;
    }
    JsonNode data = answer.path("data");
    List<List<String>> rows = new ArrayList<>();
    switch (data.path("resultType").asText()) {
      case "vector" -> {
        data.path("result").forEach(s -> rows.add(List.of(Format.labels(s.path("metric")), s.path("value").get(1).asText())));
        common.output().rows(List.of("SERIES", "VALUE"), rows);
      }
      case "matrix" -> {
        for (JsonNode s : data.path("result")) {
          List<Double> values = new ArrayList<>();
          s.path("values").forEach(v -> values.add(Double.parseDouble(v.get(1).asText())));
          double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
          double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
          rows.add(List.of(Format.labels(s.path("metric")), sparkline(values, min, max), number(min), number(max),
              values.isEmpty() ? "" : number(values.get(values.size() - 1))));
        }
        common.output().rows(List.of("SERIES", "TREND", "MIN", "MAX", "LAST"), rows);
      }
      default -> {
        rows.add(List.of(data.path("resultType").asText(), data.path("result").get(1).asText()));
        common.output().rows(List.of("TYPE", "VALUE"), rows);
      }
    }
    return 0;
  }

  static String sparkline(List<Double> values, double min, double max) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      int i = max > min ? (int) Math.round((v - min) / (max - min) * (TICKS.length - 1)) : 0;
      b.append(TICKS[Math.max(0, Math.min(TICKS.length - 1, i))]);
    }
    return b.toString();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format("%.4g", v);
  }
}
