package dev.sightline.storage.duckdb;

import dev.sightline.storage.tests.ManualClock;
import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.attr;

import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.objects.FileObjectStore;
import dev.sightline.storage.tier.SignalType;
import dev.sightline.storage.tier.Tier;
import dev.sightline.storage.tier.TierUsage;
import dev.sightline.storage.tier.Tiers;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the tiers, not a test: bytes per span, log record and sample in the hot store, warm
 * files, cold objects and archive bundles, and trace-by-id latency from each tier. Run with
 * {@code -Dsightline.measure=true -Dtest=TierMeasurement}.
 */
@EnabledIfSystemProperty(named = "sightline.measure", matches = "true")
class TierMeasurement {
  static final int TRACES = 100_000;
  static final int SERIES = 2_000;
  static final int ROUNDS = 480;
  @TempDir Path dir;
  final ManualClock clock = new ManualClock(Instant.ofEpochSecond(0, T0).plus(Duration.ofHours(23)));

  DuckDbStorage open(String name) {
    TierConfig config = TierConfig.builder(dir.resolve(name + "-tiers")).objects(new FileObjectStore(dir.resolve(name + "-bucket")))
        .retention(TieredStoreTest.POLICY).clock(clock).interval(Duration.ZERO).grace(Duration.ZERO).build();
    return DuckDbStorage.open(dir.resolve(name), "2GB",
        SampleStoreConfig.DEFAULT.withRollupInterval(Duration.ZERO).withCompactionInterval(Duration.ZERO), null, config);
  }

  @Test
  void bytesPerItemAndTraceLatencyPerTier() {
    try (DuckDbStorage store = open("traces")) {
      long empty = hotBytes(store);
      for (int i = 0; i < TRACES; i += 1000) {
        TieredData.write(store, 1 + 2L * i, i, 1000); // a trace a second: a day and a bit
      }
      long hot = hotBytes(store) - empty;
      System.out.printf("hot: %.1f bytes per span+log row (%d spans, %d log records, %d bytes)%n",
          hot / (TRACES * 4.0), TRACES * 3, TRACES, hot);
      report(store, Tier.HOT, 0);
      for (Tier t : List.of(Tier.WARM, Tier.COLD, Tier.ARCHIVE)) {
        clock.advance(t == Tier.WARM ? Duration.ofDays(8) : t == Tier.COLD ? Duration.ofDays(30) : Duration.ofDays(365));
        long started = System.nanoTime();
        store.tiers().orElseThrow().runLifecycle();
        long moveMs = (System.nanoTime() - started) / 1_000_000;
        if (t == Tier.ARCHIVE) {
          started = System.nanoTime();
          store.tiers().orElseThrow().archive(TieredData.TENANT).forEach(b -> store.tiers().orElseThrow().restore(TieredData.TENANT, b.id()));
          System.out.printf("restore of the archive: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        }
        report(store, t, moveMs);
      }
    }
    clock.set(Instant.ofEpochSecond(0, T0).plus(Duration.ofHours(23)));
    try (DuckDbStorage store = open("samples")) {
      long empty = hotBytes(store);
      writeSamples(store);
      ((DuckDbStorage) store).compactSamples(2);
      long hot = hotBytes(store) - empty;
      System.out.printf("hot samples: %.2f bytes per sample (chunks and OTLP points), %d samples%n",
          hot / (double) (SERIES * ROUNDS), SERIES * ROUNDS);
      for (Duration step : List.of(Duration.ofDays(8), Duration.ofDays(30), Duration.ofDays(365))) {
        clock.advance(step);
        store.tiers().orElseThrow().runLifecycle();
        for (TierUsage u : store.tiers().orElseThrow().usage()) {
          if (u.signal() == SignalType.METRICS && u.files() > 0) {
            System.out.printf("%s metrics: %d files, %d rows (chunks and points), %.2f bytes per sample%n", u.tier().label(),
                u.files(), u.rows(), u.bytes() / (double) (SERIES * ROUNDS));
          }
        }
      }
    }
  }

  private void report(DuckDbStorage store, Tier tier, long moveMs) {
    Tiers tiers = store.tiers().orElseThrow();
    for (TierUsage u : tiers.usage()) {
      if (u.tier() == tier && u.files() > 0) {
        System.out.printf("%s %s: %d files, %d rows, %.1f bytes per row (move pass %d ms)%n", tier.label(),
            u.signal().label(), u.files(), u.rows(), u.bytes() / (double) u.rows(), moveMs);
      }
    }
    Random random = new Random(1);
    long[] nanos = new long[200];
    for (int i = 0; i < nanos.length; i++) {
      long n = random.nextInt(TRACES);
      long started = System.nanoTime();
      int spans = TieredData.spansOf(store, n);
      nanos[i] = System.nanoTime() - started;
      if (spans != 3) {
        throw new AssertionError("trace " + n + " has " + spans + " spans in " + tier);
      }
    }
    long first = nanos[0];
    Arrays.sort(nanos);
    System.out.printf("%s trace by id: first %.1f ms, p50 %.1f ms, p99 %.1f ms%n", tier.label(), first / 1e6,
        nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6);
  }

  private static long hotBytes(DuckDbStorage store) {
    ((DuckDbWriter) store.writer()).checkpointFile();
    return store.readersForTest(c -> new HotBudget(0, null).used(c));
  }

  private void writeSamples(DuckDbStorage store) {
    Random random = new Random(7);
    long seq = 1;
    for (int round = 0; round < ROUNDS; round++) {
      long t = T0 + round * 15_000_000_000L;
      List<ResourceMetrics> data = new ArrayList<>();
      for (int r = 0; r < SERIES / 20; r++) {
        Gauge.Builder gauge = Gauge.newBuilder();
        for (int i = 0; i < 20; i++) {
          gauge.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(t).setAsDouble(random.nextInt(1000) / 10.0)
              .addAttributes(attr("id", "g" + i)));
        }
        data.add(ResourceMetrics.newBuilder().setResource(dev.sightline.storage.tests.SampleData.resource("svc-" + r))
            .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("load").setGauge(gauge))).build());
      }
      store.writer().write(new WriteBatch(List.of(new WriteBatch.Entry(seq, TieredData.TENANT, new WriteBatch.Metrics(data))), seq));
      seq++;
    }
  }
}
