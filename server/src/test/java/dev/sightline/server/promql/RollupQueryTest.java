package dev.sightline.server.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.server.SightlineServer;
import dev.sightline.server.config.ConfigLoader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight days of 1-minute samples by remote-write; once the rollup job has run, range queries over
 * eight days at a 1-hour step read rollups, and agree with the raw evaluation of a six-day range on
 * the same server and with values computed here.
 */
class RollupQueryTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long BASE = Math.floorDiv(System.currentTimeMillis(), HOUR) * HOUR - 8 * DAY;
  private static final int SAMPLES = 8 * 24 * 60;
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private static List<TestSeries> data() {
    List<TestSeries> out = new ArrayList<>();
    long[] ts = new long[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      ts[i] = BASE + i * MINUTE;
    }
    for (int k = 0; k < 3; k++) {
      double[] v = new double[SAMPLES];
      for (int i = 0; i < SAMPLES; i++) {
        v[i] = 100 * (k + 1) + 50 * Math.sin(i / 300.0 + k);
      }
      out.add(new TestSeries(new TreeMap<>(Map.of("__name__", "x", "k", "x" + k)), ts, v));
    }
    for (int k = 0; k < 2; k++) {
      double[] v = new double[SAMPLES];
      for (int i = 1; i < SAMPLES; i++) {
        // gains 1 or 2 (times k + 1) a minute; reset in the middle of day four
        v[i] = i == 4 * 24 * 60 + 7 ? 0 : v[i - 1] + (1 + i % 2) * (k + 1);
      }
      out.add(new TestSeries(new TreeMap<>(Map.of("__name__", "c", "k", "c" + k)), ts, v));
    }
    return out;
  }

  @Test
  void longRangeQueriesReadRollupsAndAgreeWithRawSamples() throws Exception {
    List<TestSeries> series = data();
    List<String> flags = List.of("--data.dir=" + dir, "--listen.address=127.0.0.1", "--otlp.grpc.port=0",
        "--otlp.http.port=0", "--http.port=0", "--storage.memory.limit=512MB", "--shutdown.timeout=20s",
        "--metrics.rollup.interval=200ms");
    try (SightlineServer server = SightlineServer.start(ConfigLoader.load(flags, Map.of()), Clock.systemUTC())) {
      String api = "http://127.0.0.1:" + server.httpPort();
      RemoteWriteClient writer = new RemoteWriteClient(api + "/api/v1/write");
      for (long slice = BASE; slice < BASE + SAMPLES * MINUTE; slice += HOUR) {
        // one hour per stored batch: a batch spanning more than the out-of-order window would
        // leave out its own older samples
        writer.send(series, slice, slice + HOUR - 1, HOUR);
        awaitStored(api);
      }
      // rollups reach newest - 1 h (out-of-order window) - a window; ranges must end before that
      long start = BASE + HOUR;
      long end = BASE + 8 * DAY - 2 * HOUR;
      long rawStart = end - 6 * DAY;

      String max = "max_over_time(x[1h])";
      String rate = "rate(c[1h])";
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (rollupSelections(api) <= 0) {
        assertThat(System.nanoTime()).as("rollups were not used within 2 minutes").isLessThan(deadline);
        Thread.sleep(200);
        query(api, max, start, end);
      }
      double before = rollupSelections(api);
      Map<String, Map<Long, Double>> maxRolled = query(api, max, start, end);
      Map<String, Map<Long, Double>> rateRolled = query(api, rate, start, end);
      assertThat(rollupSelections(api)).isEqualTo(before + 2);
      Map<String, Map<Long, Double>> maxRaw = query(api, max, rawStart, end);
      Map<String, Map<Long, Double>> rateRaw = query(api, rate, rawStart, end);
      assertThat(rollupSelections(api)).as("a six-day range reads raw samples").isEqualTo(before + 2);

      assertThat(maxRolled).hasSize(3);
      assertThat(rateRolled).hasSize(2);
      assertClose(maxRolled, maxRaw, 0.01);
      assertClose(rateRolled, rateRaw, 0.02);
      // and against values computed here over the whole eight days
      assertClose(maxRolled, expected(series.subList(0, 3), start, end, false), 0.01);
      assertClose(rateRolled, expected(series.subList(3, 5), start, end, true), 0.02);
    }
  }

  /** Per series and step, the raw max over {@code [t - 1h, t]}, or the counter's increase per second. */
  private static Map<String, Map<Long, Double>> expected(List<TestSeries> series, long start, long end, boolean rate) {
    Map<String, Map<Long, Double>> out = new HashMap<>();
    for (TestSeries s : series) {
      Map<Long, Double> byStep = new HashMap<>();
      for (long t = start; t <= end; t += HOUR) {
        int from = s.firstAtOrAfter(t - HOUR);
        int to = s.firstAtOrAfter(t + 1);
        double v = rate ? 0 : Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
          double x = s.values()[i];
          if (!rate) {
            v = Math.max(v, x);
          } else if (i > from) {
            double prev = s.values()[i - 1];
            v += x < prev ? x : x - prev;
          }
        }
        // samples at both ends of the window: Prometheus does not extrapolate
        byStep.put(t, rate ? v / 3600 : v);
      }
      out.put(s.labels().get("k"), byStep);
    }
    return out;
  }

  private static void assertClose(Map<String, Map<Long, Double>> actual, Map<String, Map<Long, Double>> reference,
      double relative) {
    int compared = 0;
    for (Map.Entry<String, Map<Long, Double>> e : actual.entrySet()) {
      Map<Long, Double> ref = reference.get(e.getKey());
      assertThat(ref).as("series %s", e.getKey()).isNotNull();
      for (Map.Entry<Long, Double> p : e.getValue().entrySet()) {
        Double r = ref.get(p.getKey());
        if (r == null) {
          continue;
        }
        double tolerance = relative * Math.abs(r) + 1e-9;
        assertThat(p.getValue()).as("%s at %d", e.getKey(), p.getKey()).isBetween(r - tolerance, r + tolerance);
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(100);
  }

  /** Values by the series' {@code k} label and step time. */
  private Map<String, Map<Long, Double>> query(String api, String q, long start, long end) throws Exception {
    QueryOutcome o = get(api + "/api/v1/query_range?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
        + "&start=" + start / 1000 + "&end=" + end / 1000 + "&step=3600");
    assertThat(o.status()).as(o.body()).isEqualTo("success");
    Map<String, Map<Long, Double>> out = new HashMap<>();
    for (QueryOutcome.Series s : o.series()) {
      Map<Long, Double> byStep = new HashMap<>();
      s.points().forEach(p -> byStep.put(p.millis(), p.value()));
      out.put(s.labels().get("k"), byStep);
    }
    return out;
  }

  private QueryOutcome get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return QueryOutcome.parse(r.statusCode(), r.body());
  }

  private void awaitStored(String api) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!http.send(HttpRequest.newBuilder(URI.create(api + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body().contains("sightline_pipeline_lag_entries 0\n")) {
      assertThat(System.nanoTime()).as("the pipeline did not store a slice within a minute").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private double rollupSelections(String api) throws Exception {
    String body = http.send(HttpRequest.newBuilder(URI.create(api + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(l -> l.startsWith("sightline_promql_rollup_selections "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim())).findFirst().orElse(-1);
  }
}
