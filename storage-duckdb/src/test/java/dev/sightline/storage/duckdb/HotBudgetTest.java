package dev.sightline.storage.duckdb;

import dev.sightline.storage.tests.ManualClock;
import static dev.sightline.storage.duckdb.TieredData.TENANT;
import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.storage.StorageFullException;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.TraceQuery;
import dev.sightline.storage.objects.FileObjectStore;
import dev.sightline.storage.tier.SignalType;
import dev.sightline.storage.tier.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filling the hot store's budget moves its data to the warm tier early and makes writes wait
 * (back-pressure) instead of failing or filling the disk; once moved, writes go on and every
 * trace written is found once.
 */
class HotBudgetTest {
  @TempDir Path dir;

  @Test
  void aFullHotStoreMovesDataEarlyAndHoldsWritesBack() {
    ManualClock clock = new ManualClock(Instant.ofEpochSecond(0, T0).plus(Duration.ofHours(12)));
    long budget = 5L << 20;
    TierConfig config = TierConfig.builder(dir.resolve("tiers")).objects(new FileObjectStore(dir.resolve("bucket")))
        .retention(TieredStoreTest.POLICY).clock(clock).interval(Duration.ZERO).grace(Duration.ZERO)
        .hotBudgetBytes(budget).build();
    try (DuckDbStorage store = DuckDbStorage.open(dir.resolve("store"), "512MB",
        SampleStoreConfig.DEFAULT.withRollupInterval(Duration.ZERO).withCompactionInterval(Duration.ZERO), null, config)) {
      long seq = 1;
      long next = 0;
      int refused = 0;
      int earlyMoves = 0;
      while (refused < 3 && next < 400_000) {
        try {
          TieredData.write(store, seq, next, 500);
          seq += 1000;
          next += 500;
          if (next % 10_000 == 0) {
            ((DuckDbWriter) store.writer()).checkpointFile();
          }
        } catch (StorageFullException e) {
          refused++;
          assertThat(e).hasMessageContaining("disk budget");
          earlyMoves += store.tiers().orElseThrow().runLifecycle();
        }
      }
      System.out.println("hot budget test: " + next + " traces written, " + refused + " writes refused, "
          + earlyMoves + " early moves");
      assertThat(refused).as("writes were held back at the budget").isGreaterThan(0);
      assertThat(earlyMoves).as("data moved before it was due").isGreaterThan(0);
      assertThat(store.tiers().orElseThrow().plan(TENANT, SignalType.TRACES, new TimeRange(T0, T0 + 86_400_000L * MS)).read())
          .contains(Tier.WARM);
      TieredData.write(store, seq, next, 500);
      next += 500;
      int found = store.traces().search(TraceQuery.builder(TENANT).range(new TimeRange(T0, T0 + next * 1000 * MS))
          .limit(10_000).build()).items().size();
      assertThat(found).isEqualTo((int) Math.min(next, 10_000));
    }
  }
}
