package dev.sightline.server.api;

import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.query.promql.QueryResult;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Calls (and failed calls) between services in a window, from the service-graph counters the
 * pipeline derives from every span, for the Jaeger and Zipkin dependency APIs. Per edge the
 * counters' increase over the window: a series that began in the window counts from zero, a reset
 * as a restart from zero.
 */
final class ServiceDependencies {
  /** One edge: calls from {@code parent} to {@code child}, and how many failed. */
  record Edge(String parent, String child, long calls, long errors) {}

  private final @Nullable PromqlEngine engine;

  ServiceDependencies(@Nullable PromqlEngine engine) {
    this.engine = engine;
  }

  List<Edge> between(String tenant, long endMs, long lookbackMs) {
    if (lookbackMs <= 0) {
      throw new BadRequestException("lookback: must be a positive number of milliseconds");
    }
    Map<List<String>, long[]> edges = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
    count(tenant, "traces_service_graph_request_total", endMs, lookbackMs, edges, 0);
    count(tenant, "traces_service_graph_request_failed_total", endMs, lookbackMs, edges, 1);
    return edges.entrySet().stream().filter(e -> e.getValue()[0] > 0)
        .map(e -> new Edge(e.getKey().get(0), e.getKey().get(1), e.getValue()[0], e.getValue()[1])).toList();
  }

  private void count(String tenant, String metric, long endMs, long lookbackMs, Map<List<String>, long[]> edges, int slot) {
    if (engine == null) {
      return;
    }
    // Twice the window, so that the value before the window starts is known.
    QueryResult r = engine.instantQuery(tenant, metric + "[" + (2 * lookbackMs) + "ms]", endMs);
    if (!(r instanceof QueryResult.MatrixResult m)) {
      return;
    }
    for (QueryResult.Series s : m.series()) {
      String parent = s.labels().getOrDefault("client", "");
      String child = s.labels().getOrDefault("server", "");
      if (!parent.isEmpty() && !child.isEmpty()) {
        edges.computeIfAbsent(List.of(parent, child), k -> new long[2])[slot] += increase(s, endMs - lookbackMs);
      }
    }
  }

  private static long increase(QueryResult.Series s, long fromMs) {
    double previous = 0;
    double total = 0;
    for (int i = 0; i < s.timestamps().length; i++) {
      double v = s.values()[i];
      if (s.timestamps()[i] > fromMs) {
        total += v >= previous ? v - previous : v;
      }
      previous = v;
    }
    return Math.round(total);
  }
}
