package dev.sightline.server.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * The differential test's samples, generated from a seed so that every run (and both servers)
 * sees the same shapes: counters with resets, gauges with negative, fractional, zero, huge and
 * non-finite values, classic histograms, a summary, an info metric, and a few series at 30 s or
 * irregular intervals with gaps longer than the 5 minute lookback.
 *
 * <p>The window is {@link #WINDOW_MILLIS} long and ends at {@code end}; most series have a sample
 * every 15 s on the grid {@code start + k·15 s}.
 */
final class PromqlTestData {
  static final long STEP_MILLIS = 15_000;
  static final long MINUTE = 60_000;
  static final long WINDOW_MILLIS = 180 * MINUTE;
  static final String[] INSTANCES = {"host-a:9100", "host-b:9100", "host-c:9100"};

  final long start;
  final long end;
  final List<TestSeries> series = new ArrayList<>();
  final Random random;

  private PromqlTestData(long end, long seed) {
    this.end = end;
    this.start = end - WINDOW_MILLIS;
    this.random = new Random(seed);
  }

  /** Data whose window ends at {@code endMillis}, which must be a whole minute. */
  static PromqlTestData generate(long endMillis, long seed) {
    if (endMillis % MINUTE != 0) {
      throw new IllegalArgumentException("the window must end on a whole minute, got " + endMillis);
    }
    PromqlTestData d = new PromqlTestData(endMillis, seed);
    d.httpRequests();
    d.workerCounters();
    d.gauges();
    HistogramSeries.addTo(d);
    d.infoAndUp();
    d.sparse();
    d.specialValues();
    return d;
  }

  /** A time inside the 20 minute gap of {@code sporadic_gauge{instance="host-a"}}; host-b's last sample is exactly 5 m before it. */
  long gapTime() {
    return end - 40 * MINUTE;
  }

  int points() {
    return (int) (WINDOW_MILLIS / STEP_MILLIS) + 1;
  }

  long at(int k) {
    return start + k * STEP_MILLIS;
  }

  void add(double[] values, String... nameAndLabels) {
    long[] ts = new long[points()];
    for (int k = 0; k < ts.length; k++) {
      ts[k] = at(k);
    }
    series.add(new TestSeries(labels(nameAndLabels), ts, values));
  }

  static TreeMap<String, String> labels(String... nameAndLabels) {
    TreeMap<String, String> labels = new TreeMap<>();
    labels.put("__name__", nameAndLabels[0]);
    for (int i = 1; i < nameAndLabels.length; i += 2) {
      labels.put(nameAndLabels[i], nameAndLabels[i + 1]);
    }
    return labels;
  }

  /** A counter rising by about {@code perSecond}, reset to zero at each of {@code resets} (sample indexes). */
  double[] counter(double perSecond, double quantum, int... resets) {
    double[] v = new double[points()];
    double value = random.nextInt(1000) * quantum;
    int next = 0;
    for (int k = 0; k < v.length; k++) {
      if (next < resets.length && k == resets[next]) {
        value = 0;
        next++;
      }
      double inc = perSecond * 15 * (0.5 + random.nextDouble());
      value += Math.round(inc / quantum) * quantum;
      v[k] = value;
    }
    return v;
  }

  private void httpRequests() {
    String[] codes = {"200", "404", "500"};
    double[] rates = {12, 0.6, 0.15};
    int n = 0;
    for (String instance : INSTANCES) {
      for (String method : new String[] {"GET", "POST"}) {
        for (int c = 0; c < codes.length; c++) {
          boolean idle = instance.startsWith("host-c") && method.equals("POST") && c == 2;
          int[] resets = n % 4 == 0 ? new int[] {200 + n * 7, 600} : n % 4 == 1 ? new int[] {350} : new int[0];
          double[] v = counter(idle ? 0 : rates[c] * (method.equals("GET") ? 1 : 0.4), 1, resets);
          add(v, "http_requests_total", "job", "api", "instance", instance, "method", method, "code", codes[c]);
          n++;
        }
      }
    }
    // A target that appears 30 minutes before the end and disappears 20 minutes before it.
    List<Long> ts = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    double value = 0;
    for (long t = end - 30 * MINUTE; t < end - 20 * MINUTE; t += STEP_MILLIS) {
      value += 3 + random.nextInt(10);
      ts.add(t);
      vs.add(value);
    }
    series.add(new TestSeries(labels("http_requests_total", "job", "api", "instance", "host-d:9100", "method", "GET", "code", "200"),
        ts.stream().mapToLong(Long::longValue).toArray(), vs.stream().mapToDouble(Double::doubleValue).toArray()));
    String[] paths = {"/api/v1/users", "/api/v1/orders/{id}", "/healthz"};
    for (int i = 0; i < paths.length; i++) {
      add(counter(2.0 / (i + 1), 1, i == 1 ? new int[] {500} : new int[0]), "http_path_hits_total", "job", "api", "path", paths[i]);
    }
  }

  private void workerCounters() {
    for (String instance : INSTANCES) {
      for (String queue : new String[] {"emails", "reports"}) {
        add(counter(queue.equals("emails") ? 1.5 : 0.2, 0.25, instance.startsWith("host-b") ? new int[] {420} : new int[0]),
            "jobs_processed_total", "job", "worker", "instance", instance, "queue", queue);
      }
    }
    for (String job : new String[] {"api", "worker"}) {
      for (String instance : INSTANCES) {
        add(counter(0.05 + random.nextDouble() * 0.1, 0.001, job.equals("worker") && instance.startsWith("host-a") ? new int[] {100} : new int[0]),
            "process_cpu_seconds_total", "job", job, "instance", instance);
      }
    }
  }

  private void gauges() {
    for (int i = 0; i < INSTANCES.length; i++) {
      for (String sensor : new String[] {"cpu", "ambient"}) {
        double base = sensor.equals("cpu") ? 45 + 5 * i : -4 + 3 * i;
        double phase = random.nextDouble() * 6;
        double[] v = new double[points()];
        for (int k = 0; k < v.length; k++) {
          v[k] = Math.round((base + 8 * Math.sin(k / 40.0 + phase) + random.nextGaussian()) * 100) / 100.0;
        }
        add(v, "node_temperature_celsius", "instance", INSTANCES[i], "sensor", sensor);
      }
      double[] load = new double[points()];
      for (int k = 0; k < load.length; k++) {
        load[k] = Math.round(random.nextDouble() * (i + 1) * 400) / 100.0;
      }
      add(load, "node_load1", "instance", INSTANCES[i]);
    }
    for (String instance : INSTANCES) {
      for (String queue : new String[] {"emails", "reports"}) {
        boolean empty = instance.startsWith("host-c") && queue.equals("reports");
        double[] v = new double[points()];
        double depth = 0;
        for (int k = 0; k < v.length; k++) {
          depth = empty ? 0 : Math.max(0, depth + random.nextInt(7) - 3);
          v[k] = depth;
        }
        add(v, "queue_depth", "job", "worker", "instance", instance, "queue", queue);
      }
    }
    double[][] balances = {{1e15, 1e9}, {-2.5e12, 1e7}, {0.001, 0.0005}};
    String[] accounts = {"alice", "bob", "carol"};
    for (int a = 0; a < accounts.length; a++) {
      double[] v = new double[points()];
      double value = balances[a][0];
      for (int k = 0; k < v.length; k++) {
        value += (random.nextDouble() - 0.45) * balances[a][1];
        v[k] = value;
      }
      add(v, "balance_dollars", "account", accounts[a]);
    }
    String[][] disks = {{"/dev/sda1", "/"}, {"/dev/sda2", "/var/lib"}, {"/dev/nvme0n1p2", "/data"}};
    for (int i = 0; i < disks.length; i++) {
      double[] v = new double[points()];
      double free = 5e11 * (i + 1);
      for (int k = 0; k < v.length; k++) {
        free -= random.nextInt(1_000_000) * 4096.0;
        v[k] = free;
      }
      add(v, "disk_free_bytes", "instance", INSTANCES[i % 2], "device", disks[i][0], "mountpoint", disks[i][1]);
    }
    for (int i = 0; i < 4; i++) {
      double[] v = new double[points()];
      double mode = 1 + i % 3;
      for (int k = 0; k < v.length; k++) {
        if (random.nextInt(60) == 0) {
          mode = 1 + random.nextInt(3);
        }
        v[k] = mode;
      }
      add(v, "sensor_mode", "instance", i < 3 ? INSTANCES[i] : "host-d:9100");
    }
  }

  private void infoAndUp() {
    String[][] versions = {{"1.2.0", "a1b2c3d"}, {"1.2.0", "a1b2c3d"}, {"1.3.0-rc1", "ffe0911"}};
    for (int i = 0; i < INSTANCES.length; i++) {
      double[] one = new double[points()];
      java.util.Arrays.fill(one, 1);
      add(one, "app_info", "job", "api", "instance", INSTANCES[i], "version", versions[i][0], "commit", versions[i][1]);
      add(one.clone(), "app_info", "job", "worker", "instance", INSTANCES[i], "version", "0.9.1", "commit", "0c0ffee");
    }
    for (String job : new String[] {"api", "worker"}) {
      for (String instance : INSTANCES) {
        double[] v = new double[points()];
        for (int k = 0; k < v.length; k++) {
          v[k] = job.equals("worker") && instance.startsWith("host-b") && k % 100 > 90 ? 0 : 1;
        }
        add(v, "up", "job", job, "instance", instance);
      }
    }
  }

  private void sparse() {
    // host-a: every 30 s, a 20 minute gap around gapTime(); host-b: its last sample before
    // gapTime() is exactly 5 minutes before it (the lookback's closed boundary).
    for (String instance : new String[] {"host-a", "host-b"}) {
      long gapFrom = instance.equals("host-a") ? end - 50 * MINUTE : end - 45 * MINUTE + 1;
      long gapTo = instance.equals("host-a") ? end - 30 * MINUTE : end - 38 * MINUTE;
      List<long[]> points = new ArrayList<>();
      for (long t = start; t <= end; t += 2 * STEP_MILLIS) {
        if ((t >= gapFrom && t < gapTo) || (instance.equals("host-a") && t > start + 20 * MINUTE && t < start + 28 * MINUTE)) {
          continue;
        }
        points.add(new long[] {t, Double.doubleToLongBits((random.nextInt(13) - 6) / 2.0)});
      }
      series.add(new TestSeries(labels("sporadic_gauge", "instance", instance), points.stream().mapToLong(p -> p[0]).toArray(),
          points.stream().mapToDouble(p -> Double.longBitsToDouble(p[1])).toArray()));
    }
    // Irregular intervals (5 s to 90 s, on no grid), a 12 minute gap and a reset.
    List<Long> ts = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    double value = 0;
    for (long t = start + 3_217; t <= end; t += 5_000 + random.nextInt(85_000)) {
      if (t >= end - 35 * MINUTE && t < end - 23 * MINUTE) {
        continue;
      }
      value = ts.size() == 150 ? 1 : value + 1 + random.nextInt(5);
      ts.add(t);
      vs.add(value);
    }
    series.add(new TestSeries(labels("irregular_events_total", "instance", "host-c"),
        ts.stream().mapToLong(Long::longValue).toArray(), vs.stream().mapToDouble(Double::doubleValue).toArray()));
  }

  private void specialValues() {
    Object[][] kinds = {{"nan", Double.NaN}, {"inf", Double.POSITIVE_INFINITY}, {"neginf", Double.NEGATIVE_INFINITY},
        {"zero", 0.0}, {"tiny", 1e-300}, {"huge", 1.5e308}, {"negative", -1.0}};
    for (Object[] kind : kinds) {
      double[] v = new double[points()];
      java.util.Arrays.fill(v, (Double) kind[1]);
      add(v, "special_values", "kind", (String) kind[0]);
    }
    double[] mixed = new double[points()];
    for (int k = 0; k < mixed.length; k++) {
      mixed[k] = k % 10 == 3 ? Double.NaN : k % 17 == 5 ? Double.POSITIVE_INFINITY : k % 7 - 3;
    }
    add(mixed, "special_values", "kind", "mixed");
  }
}
