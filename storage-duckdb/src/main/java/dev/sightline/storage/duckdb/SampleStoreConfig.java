package dev.sightline.storage.duckdb;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the embedded store keeps Prometheus samples.
 *
 * @param outOfOrderWindow how far behind a series' newest sample a sample is still accepted; older
 *     ones are rejected and counted ({@link DuckDbStorage#sampleCounts()})
 * @param compactionInterval how often the background compactor runs a pass; zero turns it off
 * @param seriesPerCompaction at most this many series are merged in one pass, which holds the
 *     writer off meanwhile
 * @param chunksToCompact a series is merged once it has this many chunks as written
 * @param rollupInterval how often the background job computes 5-minute and 1-hour rollups of
 *     windows that can no longer change; zero turns it off
 */
public record SampleStoreConfig(Duration outOfOrderWindow, Duration compactionInterval,
    int seriesPerCompaction, int chunksToCompact, Duration rollupInterval) {

  public static final SampleStoreConfig DEFAULT =
      new SampleStoreConfig(Duration.ofHours(1), Duration.ofSeconds(30), 2000, 8, Duration.ofMinutes(1));

  public SampleStoreConfig {
    requireNonNull(outOfOrderWindow, "outOfOrderWindow");
    requireNonNull(compactionInterval, "compactionInterval");
    requireNonNull(rollupInterval, "rollupInterval");
    if (outOfOrderWindow.isNegative()) {
      throw new IllegalArgumentException("outOfOrderWindow must not be negative, was " + outOfOrderWindow);
    }
    if (compactionInterval.isNegative()) {
      throw new IllegalArgumentException("compactionInterval must not be negative, was " + compactionInterval);
    }
    if (rollupInterval.isNegative()) {
      throw new IllegalArgumentException("rollupInterval must not be negative, was " + rollupInterval);
    }
    if (seriesPerCompaction < 1) {
      throw new IllegalArgumentException("seriesPerCompaction must be at least 1, was " + seriesPerCompaction);
    }
    if (chunksToCompact < 2) {
      throw new IllegalArgumentException("chunksToCompact must be at least 2, was " + chunksToCompact);
    }
  }

  public SampleStoreConfig withOutOfOrderWindow(Duration window) {
    return new SampleStoreConfig(window, compactionInterval, seriesPerCompaction, chunksToCompact, rollupInterval);
  }

  public SampleStoreConfig withCompactionInterval(Duration interval) {
    return new SampleStoreConfig(outOfOrderWindow, interval, seriesPerCompaction, chunksToCompact, rollupInterval);
  }

  public SampleStoreConfig withRollupInterval(Duration interval) {
    return new SampleStoreConfig(outOfOrderWindow, compactionInterval, seriesPerCompaction, chunksToCompact, interval);
  }
}
