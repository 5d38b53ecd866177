package dev.sightline.storage.duckdb;

import static dev.sightline.storage.tests.SampleData.attr;

import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.tests.SampleData;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the sample store, not a test: 10,000 series at 15 s (half counters with random integer
 * increments, half gauges with one decimal), one scrape round per write batch, compaction every
 * 8 rounds as the background compactor would. Prints bytes per sample of the sample tables copied
 * alone into a fresh database after CHECKPOINT, and write throughput. Run with
 * {@code -Dsightline.measure=true -Dtest=SampleStoreMeasurement [-Dsightline.measure.hours=4]}.
 */
@EnabledIfSystemProperty(named = "sightline.measure", matches = "true")
class SampleStoreMeasurement {
  private static final int RESOURCES = 100;
  private static final int PER_METRIC = 50;
  @TempDir Path dir;

  @Test
  void bytesPerSampleAndThroughput() throws Exception {
    int rounds = (int) (Double.parseDouble(System.getProperty("sightline.measure.hours", "4")) * 240);
    Random random = new Random(7);
    double[] counters = new double[RESOURCES * PER_METRIC];
    long writeNanos = 0;
    long compactNanos = 0;
    long samples = 0;
    SampleStoreConfig config = SampleStoreConfig.DEFAULT.withCompactionInterval(Duration.ZERO);
    try (DuckDbStorage s = DuckDbStorage.open(dir.resolve("db"), "2GB", config)) {
      for (int round = 0; round < rounds; round++) {
        long t = SampleData.T0 + round * 15_000_000_000L;
        List<ResourceMetrics> data = new ArrayList<>();
        for (int r = 0; r < RESOURCES; r++) {
          Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true)
              .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
          Gauge.Builder gauge = Gauge.newBuilder();
          for (int i = 0; i < PER_METRIC; i++) {
            int c = r * PER_METRIC + i;
            counters[c] += random.nextInt(10);
            sum.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(t).setAsDouble(counters[c]).addAttributes(attr("id", "c" + i)));
            gauge.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(t)
                .setAsDouble(random.nextInt(1000) / 10.0).addAttributes(attr("id", "g" + i)));
          }
          data.add(ResourceMetrics.newBuilder().setResource(SampleData.resource("svc-" + r))
              .addScopeMetrics(ScopeMetrics.newBuilder()
                  .addMetrics(Metric.newBuilder().setName("requests").setSum(sum))
                  .addMetrics(Metric.newBuilder().setName("temperature").setUnit("Cel").setGauge(gauge))).build());
        }
        WriteBatch batch = WriteBatch.of(List.of(new WriteBatch.Entry(round + 1, "t", new WriteBatch.Metrics(data))));
        long start = System.nanoTime();
        s.writer().write(batch);
        writeNanos += System.nanoTime() - start;
        samples += 2L * RESOURCES * PER_METRIC;
        if (round % 8 == 7) {
          start = System.nanoTime();
          s.compactSamples(8);
          compactNanos += System.nanoTime() - start;
        }
      }
      long start = System.nanoTime();
      s.compactSamples(1);
      compactNanos += System.nanoTime() - start;
      Path copy = dir.resolve("samples-only.duckdb");
      long blobBytes = s.readersForTest(c -> {
        try (Statement st = c.createStatement()) {
          var rs = st.executeQuery("SELECT sum(octet_length(data)), count(*) FROM chunks");
          rs.next();
          System.out.printf("chunks: %d rows, %d blob bytes%n", rs.getLong(2), rs.getLong(1));
          long blob = rs.getLong(1);
          st.execute("ATTACH '" + copy + "' AS m");
          st.execute("CREATE TABLE m.series AS SELECT * FROM series");
          st.execute("CREATE TABLE m.chunks AS SELECT * FROM chunks ORDER BY series_id, min_t");
          st.execute("CHECKPOINT m");
          st.execute("DETACH m");
          return blob;
        }
      });
      long fileBytes = Files.size(copy);
      System.out.printf("samples %d over %d rounds: %.3f bytes/sample (series+chunks tables after CHECKPOINT, %d bytes), "
          + "%.3f bytes/sample in chunk blobs; write %.0f samples/s (with the OTLP points table), "
          + "compaction %.1f s in all; whole database %d bytes%n",
          samples, rounds, fileBytes / (double) samples, fileBytes, blobBytes / (double) samples,
          samples / (writeNanos / 1e9), compactNanos / 1e9, s.databaseBytes());
    }
  }
}
