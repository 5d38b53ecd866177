package dev.sightline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fleet's Prometheus series, as a dashboard sees them: request counters by instance, route and
 * code; latency histogram buckets; memory gauges; temperatures with one decimal. Half counters with
 * small random increments, half gauges, as in FACTS.md's comparison.
 */
final class SeriesModel {
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, Double.POSITIVE_INFINITY};
  private final List<String[]> labels = new ArrayList<>();
  private final List<Kind> kinds = new ArrayList<>();
  private final double[] state;
  private final SplittableRandom random = new SplittableRandom(42);

  enum Kind { COUNTER, BUCKET, MEMORY, TEMPERATURE }

  SeriesModel(int series) {
    int quarter = series / 4;
    int instances = Math.max(1, quarter / 50);
    String[] codes = {"200", "201", "404", "500", "503"};
    for (int i = 0; labels.size() < quarter; i++) {
      add(Kind.COUNTER, "http_requests_total", "code", codes[i % 5], "instance", "i-" + (i / 50 % instances),
          "job", "api", "route", "/r" + (i / 5 % 10));
    }
    for (int i = 0; labels.size() < 2 * quarter; i++) {
      double le = BUCKETS[i % BUCKETS.length];
      add(Kind.BUCKET, "http_request_duration_seconds_bucket", "instance", "i-" + (i / 50 % instances), "job", "api",
          "le", Double.isInfinite(le) ? "+Inf" : Double.toString(le), "route", "/r" + (i / 10 % 5));
    }
    for (int i = 0; labels.size() < 3 * quarter; i++) {
      add(Kind.MEMORY, "node_memory_usage_bytes", "device", "d" + (i / instances), "instance", "i-" + (i % instances), "job", "node");
    }
    for (int i = 0; labels.size() < series; i++) {
      add(Kind.TEMPERATURE, "cpu_temperature_celsius", "core", "c" + (i / instances), "instance", "i-" + (i % instances), "job", "node");
    }
    state = new double[labels.size()];
    for (int i = 0; i < state.length; i++) {
      state[i] = switch (kinds.get(i)) {
        case COUNTER, BUCKET -> random.nextInt(1000);
        case MEMORY -> 1_000_000_000L + random.nextInt(1_000_000) * 1024L;
        case TEMPERATURE -> 40 + random.nextInt(200) / 10.0;
      };
    }
  }

  private void add(Kind kind, String name, String... pairs) {
    String[] l = new String[pairs.length + 2];
    l[0] = "__name__";
    l[1] = name;
    System.arraycopy(pairs, 0, l, 2, pairs.length);
    labels.add(l);
    kinds.add(kind);
  }

  int size() {
    return labels.size();
  }

  String[] labels(int series) {
    return labels.get(series);
  }

  /** The next value of a series: counters grow by 0–9, gauges wander. */
  double next(int series) {
    double v = state[series];
    switch (kinds.get(series)) {
      case COUNTER, BUCKET -> v += random.nextInt(10);
      case MEMORY -> v = Math.max(0, v + (random.nextInt(2001) - 1000) * 4096L);
      case TEMPERATURE -> v = Math.round((v + (random.nextInt(11) - 5) / 10.0) * 10) / 10.0;
    }
    state[series] = v;
    return v;
  }
}
