package dev.sightline.storage.duckdb;

import dev.sightline.storage.tests.ManualClock;
import dev.sightline.storage.objects.FileObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A process that runs the tier lifecycle over a store until nothing is due, for {@link TierCrashTest}
 * to kill with SIGKILL at random moments. Arguments: the test directory and the time it runs at
 * (epoch milliseconds).
 */
public final class TierCrashChild {
  private TierCrashChild() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(Long.parseLong(args[1])));
    try (DuckDbStorage store = open(dir, clock)) {
      while (store.tiers().orElseThrow().runLifecycle() > 0) {
        System.out.println("pass");
      }
      System.out.println("DONE");
    }
  }

  static DuckDbStorage open(Path dir, ManualClock clock) {
    TierConfig config = TierConfig.builder(dir.resolve("tiers")).objects(new FileObjectStore(dir.resolve("bucket")))
        .retention(TieredStoreTest.POLICY).clock(clock).interval(Duration.ZERO).grace(Duration.ZERO).build();
    return DuckDbStorage.open(dir.resolve("store"), "512MB",
        SampleStoreConfig.DEFAULT.withRollupInterval(Duration.ZERO).withCompactionInterval(Duration.ZERO), null, config);
  }
}
