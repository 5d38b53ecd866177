package dev.sightline.storage.duckdb;

import dev.sightline.storage.tests.ManualClock;
import static dev.sightline.storage.duckdb.TieredData.TENANT;
import static dev.sightline.storage.tests.SampleData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.storage.TimeRange;
import dev.sightline.storage.objects.FileObjectStore;
import dev.sightline.storage.tier.ArchiveBundle;
import dev.sightline.storage.tier.Retention;
import dev.sightline.storage.tier.RetentionPolicy;
import dev.sightline.storage.tier.SignalType;
import dev.sightline.storage.tier.Tier;
import dev.sightline.storage.tier.Tiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data written on one day moves hot → warm → cold → archive → deleted as an injected clock
 * advances, and the same reader calls find it at every step (the archive after a restore),
 * exactly once.
 */
class TieredStoreTest {
  @TempDir Path dir;
  final ManualClock clock = new ManualClock(Instant.ofEpochSecond(0, T0).plus(Duration.ofHours(2)));

  static final RetentionPolicy POLICY = new RetentionPolicy(Map.of(
      SignalType.METRICS, Retention.TRACES, SignalType.LOGS, Retention.TRACES), Map.of());

  TierConfig config() {
    return TierConfig.builder(dir.resolve("tiers")).objects(new FileObjectStore(dir.resolve("bucket")))
        .retention(POLICY).clock(clock).interval(Duration.ZERO).grace(Duration.ZERO).build();
  }

  DuckDbStorage open() {
    return DuckDbStorage.open(dir.resolve("store"), "512MB",
        SampleStoreConfig.DEFAULT.withRollupInterval(Duration.ZERO).withCompactionInterval(Duration.ZERO),
        null, config());
  }

  void assertAllFound(DuckDbStorage store) {
    assertThat(TieredData.spansOf(store, 1)).as("spans of trace 1").isEqualTo(3);
    assertThat(TieredData.spansOf(store, 2)).as("spans of trace 2").isEqualTo(3);
    assertThat(TieredData.tracesFound(store)).as("traces found by search").isEqualTo(2);
    assertThat(TieredData.logsFound(store)).as("log records found").isEqualTo(2);
    assertThat(TieredData.samplesFound(store)).as("samples found").isEqualTo(2);
  }

  Tier onlyTierBeyondHot(Tiers tiers, SignalType signal) {
    var read = tiers.plan(TENANT, signal, TieredData.DAY_ONE).read();
    assertThat(read).hasSize(2).startsWith(Tier.HOT);
    return read.get(1);
  }

  @Test
  void dataMovesDownTheTiersAndIsFoundAtEveryStep() throws Exception {
    try (DuckDbStorage store = open()) {
      TieredData.write(store, 1, 1);
      TieredData.write(store, 3, 2);
      TieredData.writeGauge(store, 5);
      Tiers tiers = store.tiers().orElseThrow();
      assertThat(tiers.runLifecycle()).as("nothing is due on the first day").isZero();
      assertThat(tiers.plan(TENANT, SignalType.TRACES, TieredData.DAY_ONE).read()).containsExactly(Tier.HOT);
      assertAllFound(store);

      clock.advance(Duration.ofDays(8));
      assertThat(tiers.runLifecycle()).isEqualTo(4); // spans, logs, points, chunks
      for (SignalType s : SignalType.values()) {
        assertThat(onlyTierBeyondHot(tiers, s)).isEqualTo(Tier.WARM);
      }
      assertThat(tiers.planTrace(TENANT, TieredData.traceHex(1)).read()).containsExactly(Tier.HOT, Tier.WARM);
      assertThat(tiers.planTrace(TENANT, TieredData.traceHex(99)).read()).as("the trace-id filter rules the file out")
          .containsExactly(Tier.HOT);
      assertThat(hotRows(store, "spans") + hotRows(store, "logs") + hotRows(store, "chunks")).isZero();
      assertAllFound(store);

      clock.advance(Duration.ofDays(30));
      assertThat(tiers.runLifecycle()).isEqualTo(4);
      assertThat(onlyTierBeyondHot(tiers, SignalType.TRACES)).isEqualTo(Tier.COLD);
      assertThat(Files.exists(dir.resolve("tiers/warm"))
          && Files.walk(dir.resolve("tiers/warm")).anyMatch(p -> p.toString().endsWith(".parquet")))
          .as("warm files are deleted once cold").isFalse();
      assertThat(new FileObjectStore(dir.resolve("bucket")).list("cold/")).hasSize(4);
      assertAllFound(store);

      clock.advance(Duration.ofDays(365));
      assertThat(tiers.runLifecycle()).isEqualTo(4);
      assertThat(tiers.archive(TENANT)).hasSize(4);
      assertThat(new FileObjectStore(dir.resolve("bucket")).list("cold/")).isEmpty();
      assertThat(TieredData.spansOf(store, 1)).as("archived, not restored").isZero();
      assertThat(tiers.planTrace(TENANT, TieredData.traceHex(1)).skipped()).singleElement().asString()
          .contains("is not restored");
      for (ArchiveBundle b : tiers.archive(TENANT)) {
        assertThat(tiers.restore(TENANT, b.id()).restoredUntilMillis()).isGreaterThan(clock.millis());
      }
      assertThat(onlyTierBeyondHot(tiers, SignalType.LOGS)).isEqualTo(Tier.ARCHIVE);
      assertAllFound(store);
      assertThatThrownBy(() -> tiers.restore("other", tiers.archive(TENANT).get(0).id()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no archived bundle");

      clock.advance(Duration.ofDays(8));
      tiers.runLifecycle();
      assertThat(TieredData.spansOf(store, 1)).as("the restore has ended").isZero();

      clock.advance(Duration.ofDays(7 * 365));
      assertThat(tiers.runLifecycle()).isEqualTo(4);
      assertThat(tiers.archive(TENANT)).isEmpty();
      assertThat(new FileObjectStore(dir.resolve("bucket")).list("")).isEmpty();
      assertThat(tiers.usage()).allMatch(u -> u.files() == 0);
    }
  }

  @Test
  void tiersSurviveARestart() {
    try (DuckDbStorage store = open()) {
      TieredData.write(store, 1, 1);
      TieredData.write(store, 3, 2);
      TieredData.writeGauge(store, 5);
      clock.advance(Duration.ofDays(8));
      store.tiers().orElseThrow().runLifecycle();
    }
    try (DuckDbStorage store = open()) {
      assertAllFound(store);
      assertThat(onlyTierBeyondHot(store.tiers().orElseThrow(), SignalType.METRICS)).isEqualTo(Tier.WARM);
    }
  }

  @Test
  void aQueryOverOldDataSaysWhatRetentionDeleted() {
    try (DuckDbStorage store = open()) {
      clock.advance(Duration.ofDays(8 * 365));
      var plan = store.tiers().orElseThrow().plan(TENANT, SignalType.TRACES, new TimeRange(T0, T0 + 1));
      assertThat(plan.skipped()).singleElement().asString().contains("past the traces retention");
    }
  }

  static long hotRows(DuckDbStorage store, String table) {
    return TierStoreAssertions.rows(store, table);
  }
}
