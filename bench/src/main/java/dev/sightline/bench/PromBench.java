package dev.sightline.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The metrics benchmark against any Prometheus-compatible server. {@code write} remote-writes
 * {@code --series} series at {@code --interval} over {@code --hours} ending now, in time order, and
 * reports samples per second; {@code query} runs a dashboard's range queries over that data and
 * reports each one's median latency of five runs.
 *
 * <pre>
 * PromBench write --url=http://127.0.0.1:8080/api/v1/write --series=10000 --hours=24 --end=MS
 * PromBench query --url=http://127.0.0.1:8080 --end=MS
 * </pre>
 */
public final class PromBench {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Dashboard panels: name, query, range back from the end, step. */
  static final List<String[]> QUERIES = List.of(
      new String[] {"request rate by code, 1h", "sum by (code) (rate(http_requests_total[5m]))", "1h", "15s"},
      new String[] {"p99 latency, 6h", "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))", "6h", "60s"},
      new String[] {"error ratio, 24h", "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))", "24h", "5m"},
      new String[] {"one instance's routes, 1h", "rate(http_requests_total{instance=\"i-7\"}[5m])", "1h", "15s"},
      new String[] {"memory by instance, 24h", "avg by (instance) (node_memory_usage_bytes)", "24h", "5m"},
      new String[] {"hottest cores, 1h", "topk(5, max_over_time(cpu_temperature_celsius[10m]))", "1h", "60s"});

  private PromBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      o.put(args[i].substring(2, eq), args[i].substring(eq + 1));
    }
    long end = Long.parseLong(o.getOrDefault("end", Long.toString(System.currentTimeMillis() / 60_000 * 60_000 - 60_000)));
    switch (args.length == 0 ? "" : args[0]) {
      case "write" -> write(o.get("url"), Integer.parseInt(o.getOrDefault("series", "10000")),
          Double.parseDouble(o.getOrDefault("hours", "24")), Long.parseLong(o.getOrDefault("interval", "15000")), end,
          Integer.parseInt(o.getOrDefault("concurrency", "4")));
      case "query" -> query(o.get("url"), end, Integer.parseInt(o.getOrDefault("runs", "5")));
      default -> throw new IllegalArgumentException("usage: PromBench write|query --url=… [--series= --hours= --end=]");
    }
  }

  static void write(String url, int seriesCount, double hours, long intervalMs, long end, int concurrency) throws Exception {
    SeriesModel model = new SeriesModel(seriesCount);
    int steps = (int) (hours * 3_600_000 / intervalMs);
    int block = 10; // timestamps per series per request
    int seriesPerRequest = 1000;
    long start = end - (long) steps * intervalMs;
    double[][] values = new double[seriesCount][block];
    long[] ts = new long[block];
    long samples = 0;
    long t0 = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
      for (int s = 0; s < steps; s += block) {
        int n = Math.min(block, steps - s);
        for (int k = 0; k < n; k++) {
          ts[k] = start + (long) (s + k + 1) * intervalMs;
        }
        for (int i = 0; i < seriesCount; i++) {
          for (int k = 0; k < n; k++) {
            values[i][k] = model.next(i);
          }
        }
        List<Future<?>> sent = new ArrayList<>();
        for (int from = 0; from < seriesCount; from += seriesPerRequest) {
          RemoteWriteEncoder enc = new RemoteWriteEncoder();
          for (int i = from; i < Math.min(seriesCount, from + seriesPerRequest); i++) {
            enc.series(model.labels(i), ts, values[i], 0, n);
          }
          byte[] body = enc.finish();
          sent.add(pool.submit(() -> post(url, body)));
        }
        for (Future<?> f : sent) {
          f.get();
        }
        samples += (long) n * seriesCount;
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("RESULT write samples=%d seconds=%.1f rate=%.0f/s start=%d end=%d%n",
        samples, seconds, samples / seconds, start, end);
  }

  private static Void post(String url, byte[] body) throws Exception {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
          .header("X-Prometheus-Remote-Write-Version", "0.1.0")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 == 2) {
        return null;
      }
      if ((r.statusCode() == 429 || r.statusCode() == 503) && attempt < 600) {
        Thread.sleep(200); // back-pressure: retry as Prometheus's remote-write queue does
        continue;
      }
      throw new IllegalStateException("remote write answered " + r.statusCode() + ": " + r.body());
    }
  }

  static void query(String base, long end, int runs) throws Exception {
    for (String[] q : QUERIES) {
      long range = parseDuration(q[2]);
      String url = base + "/api/v1/query_range?query=" + URLEncoder.encode(q[1], StandardCharsets.UTF_8)
          + "&start=" + (end - range) / 1000.0 + "&end=" + end / 1000.0 + "&step=" + q[3];
      long[] nanos = new long[runs];
      String summary = "";
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        nanos[i] = System.nanoTime() - t0;
        if (r.statusCode() != 200) {
          throw new IllegalStateException(q[0] + ": " + r.statusCode() + " " + r.body());
        }
        summary = r.body().length() + " bytes, " + (r.body().split("\"metric\"").length - 1) + " series";
      }
      Arrays.sort(nanos);
      System.out.printf("RESULT query \"%s\" median_ms=%.1f min_ms=%.1f (%s)%n", q[0], nanos[runs / 2] / 1e6, nanos[0] / 1e6, summary);
    }
  }

  private static long parseDuration(String d) {
    long n = Long.parseLong(d.substring(0, d.length() - 1));
    return switch (d.charAt(d.length() - 1)) {
      case 'h' -> n * 3_600_000;
      case 'm' -> n * 60_000;
      default -> n * 1000;
    };
  }
}
