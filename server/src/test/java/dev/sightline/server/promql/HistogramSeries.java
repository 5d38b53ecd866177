package dev.sightline.server.promql;

import static dev.sightline.server.promql.PromqlTestData.INSTANCES;

import java.util.Arrays;

/**
 * The histogram and summary series of {@link PromqlTestData}: classic histograms with cumulative
 * {@code le} buckets up to {@code +Inf} (one instance resets mid-window), a histogram that never
 * observed anything, and a summary with {@code quantile} series.
 */
final class HistogramSeries {
  static final String[] BUCKETS = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"};

  private HistogramSeries() {}

  static void addTo(PromqlTestData d) {
    histograms(d);
    summary(d);
  }

  private static void histograms(PromqlTestData d) {
    double[] bounds = new double[BUCKETS.length];
    for (int b = 0; b < BUCKETS.length; b++) {
      bounds[b] = BUCKETS[b].equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(BUCKETS[b]);
    }
    for (int i = 0; i < INSTANCES.length; i++) {
      double[][] buckets = new double[BUCKETS.length][d.points()];
      double[] sum = new double[d.points()];
      double[] count = new double[d.points()];
      double[] cumulative = new double[BUCKETS.length];
      double s = 0;
      double c = 0;
      for (int k = 0; k < d.points(); k++) {
        if (i == 1 && k == 400) {
          Arrays.fill(cumulative, 0);
          s = 0;
          c = 0;
        }
        int observations = 5 + d.random.nextInt(30);
        for (int o = 0; o < observations; o++) {
          double x = Math.exp(d.random.nextGaussian() * 1.2 - 2.5 + i * 0.6);
          x = Math.round(x * 10000) / 10000.0;
          for (int b = 0; b < bounds.length; b++) {
            if (x <= bounds[b]) {
              cumulative[b]++;
            }
          }
          s += x;
          c++;
        }
        for (int b = 0; b < bounds.length; b++) {
          buckets[b][k] = cumulative[b];
        }
        sum[k] = Math.round(s * 10000) / 10000.0;
        count[k] = c;
      }
      for (int b = 0; b < BUCKETS.length; b++) {
        d.add(buckets[b], "request_duration_seconds_bucket", "job", "api", "instance", INSTANCES[i], "le", BUCKETS[b]);
      }
      d.add(sum, "request_duration_seconds_sum", "job", "api", "instance", INSTANCES[i]);
      d.add(count, "request_duration_seconds_count", "job", "api", "instance", INSTANCES[i]);
    }
    // A histogram that never observed anything: histogram_quantile gives NaN.
    for (String le : new String[] {"1000", "+Inf"}) {
      d.add(new double[d.points()], "upload_size_bytes_bucket", "job", "api", "instance", INSTANCES[0], "le", le);
    }
    d.add(new double[d.points()], "upload_size_bytes_sum", "job", "api", "instance", INSTANCES[0]);
    d.add(new double[d.points()], "upload_size_bytes_count", "job", "api", "instance", INSTANCES[0]);
  }

  private static void summary(PromqlTestData d) {
    String[] quantiles = {"0.5", "0.9", "0.99"};
    for (int i = 0; i < 2; i++) {
      double[][] q = new double[quantiles.length][d.points()];
      for (int k = 0; k < d.points(); k++) {
        double median = 0.05 + d.random.nextDouble() * 0.02 * (i + 1);
        q[0][k] = median;
        q[1][k] = median * (2 + d.random.nextDouble());
        q[2][k] = median * (6 + d.random.nextDouble() * 4);
      }
      for (int j = 0; j < quantiles.length; j++) {
        d.add(q[j], "rpc_latency_seconds", "job", "worker", "instance", INSTANCES[i], "quantile", quantiles[j]);
      }
      d.add(d.counter(0.4, 0.001), "rpc_latency_seconds_sum", "job", "worker", "instance", INSTANCES[i]);
      d.add(d.counter(5, 1), "rpc_latency_seconds_count", "job", "worker", "instance", INSTANCES[i]);
    }
  }
}
