package dev.sightline.storage.duckdb;

import dev.sightline.storage.tests.ManualClock;
import static dev.sightline.storage.duckdb.TieredData.TENANT;
import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.storage.LogQuery;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.TraceQuery;
import dev.sightline.storage.TraceSummary;
import dev.sightline.storage.tier.ArchiveBundle;
import dev.sightline.storage.tier.Tiers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle killed with SIGKILL in the middle of moving 30 days of traces and logs down to
 * the archive, several times: after it finally runs to the end, every span and log record is
 * found exactly once.
 */
class TierCrashTest {
  static final int DAYS = 30;
  static final int TRACES_PER_DAY = 40;
  @TempDir Path dir;

  @Test
  void killedMovesLoseNothingAndDuplicateNothing() throws Exception {
    ManualClock clock = new ManualClock(Instant.ofEpochSecond(0, T0));
    try (DuckDbStorage store = TierCrashChild.open(dir, clock)) {
      long seq = 1;
      for (int day = 0; day < DAYS; day++) {
        TieredData.write(store, seq, (long) day * 86_400, TRACES_PER_DAY); // trace n starts n seconds after T0
        seq += 2L * TRACES_PER_DAY;
      }
    }
    long runAt = Instant.ofEpochSecond(0, T0).plus(Duration.ofDays(400)).toEpochMilli();
    Random random = new Random(42);
    List<Long> kills = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      Process child = child(runAt);
      long delay = 700 + random.nextInt(2500);
      if (!child.waitFor(delay, TimeUnit.MILLISECONDS)) {
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        kills.add(delay);
      }
    }
    long started = System.nanoTime();
    Process last = child(runAt);
    assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("the last run finishes").isTrue();
    assertThat(new String(last.getInputStream().readAllBytes())).contains("DONE");
    System.out.println("lifecycle killed after " + kills + " ms; the last run took "
        + (System.nanoTime() - started) / 1_000_000 + " ms");

    clock.set(Instant.ofEpochMilli(runAt));
    try (DuckDbStorage store = TierCrashChild.open(dir, clock)) {
      Tiers tiers = store.tiers().orElseThrow();
      List<ArchiveBundle> bundles = tiers.archive(TENANT);
      assertThat(bundles).as("everything is archived").isNotEmpty();
      bundles.forEach(b -> tiers.restore(TENANT, b.id()));
      TimeRange all = new TimeRange(T0, T0 + DAYS * 86_400_000L * MS);
      List<TraceSummary> traces = store.traces().search(TraceQuery.builder(TENANT).range(all).limit(10_000).build()).items();
      assertThat(traces).hasSize(DAYS * TRACES_PER_DAY);
      assertThat(traces).allSatisfy(t -> assertThat(t.spanCount()).isEqualTo(3));
      assertThat(store.logs().search(LogQuery.builder(TENANT).range(all).limit(10_000).build()).items())
          .hasSize(DAYS * TRACES_PER_DAY);
      assertThat(TierStoreAssertions.hotRows(store)).isZero();
    }
  }

  private Process child(long runAt) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        TierCrashChild.class.getName(), dir.toString(), Long.toString(runAt))
        .redirectErrorStream(true).start();
  }
}
