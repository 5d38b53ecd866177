package dev.sightline.storage.duckdb;

import dev.sightline.storage.tests.ManualClock;
import static dev.sightline.storage.duckdb.TieredData.TENANT;
import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.storage.AttributeFilter;
import dev.sightline.storage.DeletionReport;
import dev.sightline.storage.DeletionRequest;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.objects.FileObjectStore;
import dev.sightline.storage.tier.SignalType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting on request removes the selected traces and log records from every tier: the hot store,
 * a warm file, a cold object and an archived bundle; what was not selected stays.
 */
class DeletionTest {
  @TempDir Path dir;
  final ManualClock clock = new ManualClock(Instant.ofEpochSecond(0, T0).plus(Duration.ofHours(1)));

  DuckDbStorage open() {
    TierConfig config = TierConfig.builder(dir.resolve("tiers")).objects(new FileObjectStore(dir.resolve("bucket")))
        .retention(TieredStoreTest.POLICY).clock(clock).interval(Duration.ZERO).grace(Duration.ZERO).build();
    return DuckDbStorage.open(dir.resolve("store"), "512MB",
        SampleStoreConfig.DEFAULT.withRollupInterval(Duration.ZERO).withCompactionInterval(Duration.ZERO), null, config);
  }

  /** Trace n on day {@code day}; its attribute {@code order.id} is n. */
  static long trace(int day, int i) {
    return day * 86_400L + i;
  }

  @Test
  void deletesTheSelectedItemsInEveryTierAndKeepsTheRest() {
    try (DuckDbStorage store = open()) {
      long seq = 1;
      for (int day : new int[] {0, 40, 400, 1000}) {
        TieredData.write(store, seq, trace(day, 0), 3);
        seq += 6;
      }
      clock.set(Instant.ofEpochSecond(0, T0).plus(Duration.ofDays(1002)));
      store.tiers().orElseThrow().runLifecycle();
      // ages 1002, 962, 602 and 2 days: three days in archive bundles, the last in the hot store
      TimeRange all = new TimeRange(T0, T0 + 1001 * 86_400_000L * MS);
      long victim = trace(1000, 1);
      long archived = trace(0, 2);
      store.tiers().orElseThrow().archive(TENANT).forEach(b -> store.tiers().orElseThrow().restore(TENANT, b.id()));
      assertThat(TieredData.spansOf(store, victim)).isEqualTo(3);
      assertThat(TieredData.spansOf(store, archived)).isEqualTo(3);

      DeletionReport r = store.deleter().orElseThrow().delete(new DeletionRequest(TENANT,
          EnumSet.of(SignalType.TRACES, SignalType.LOGS), all, null,
          List.of(new AttributeFilter("order.id", Long.toString(victim))), false));
      assertThat(r.removedByTier()).containsEntry("hot", 4L); // three spans and the log record
      DeletionReport archivedOnly = store.deleter().orElseThrow().delete(new DeletionRequest(TENANT,
          EnumSet.of(SignalType.TRACES), all, null, List.of(new AttributeFilter("order.id", Long.toString(archived))), false));
      assertThat(archivedOnly.removedByTier()).containsEntry("archive", 3L);
      assertThat(archivedOnly.filesRewritten()).isEqualTo(1);

      store.tiers().orElseThrow().archive(TENANT).forEach(b -> store.tiers().orElseThrow().restore(TENANT, b.id()));
      assertThat(TieredData.spansOf(store, victim)).isZero();
      assertThat(TieredData.spansOf(store, archived)).isZero();
      assertThat(TieredData.spansOf(store, trace(0, 1))).as("the rest of the bundle stays").isEqualTo(3);
      assertThat(TieredData.spansOf(store, trace(1000, 0))).as("the rest of the hot day stays").isEqualTo(3);
    }
  }

  @Test
  void aDeletionWithoutASelectorIsRefused() {
    assertThatThrownBy(() -> new DeletionRequest(TENANT, Set.of(SignalType.LOGS), TimeRange.all(), null, List.of(), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a selector");
  }
}
