package dev.sightline.storage.duckdb;

import static java.util.Objects.requireNonNull;

import dev.sightline.storage.objects.FileObjectStore;
import dev.sightline.storage.objects.ObjectStore;
import dev.sightline.storage.tier.RetentionPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How the embedded store keeps data beyond its hot tables.
 *
 * @param directory warm files, the cache of cold files and restored bundles go under it
 * @param objects where cold files and archived bundles are kept
 * @param interval how often the lifecycle runs; zero runs it only on request
 * @param hotBudgetBytes the hot store's disk budget: from 80% of it data moves early, and at 100%
 *     writes wait (back-pressure) until moves have made room; zero for no budget
 * @param warmBudgetBytes from this many bytes of warm files the oldest move to cold early; zero for none
 * @param cacheBytes the local cache of cold files read by queries
 * @param restoreFor how long a restored archive bundle stays readable
 * @param grace how long an obsolete file is kept for queries still reading it
 */
public record TierConfig(Path directory, ObjectStore objects, RetentionPolicy retention, Clock clock,
    Duration interval, long hotBudgetBytes, long warmBudgetBytes, long cacheBytes, Duration restoreFor,
    Duration grace) {

  public TierConfig {
    requireNonNull(directory, "directory");
    requireNonNull(objects, "objects");
    requireNonNull(retention, "retention");
    requireNonNull(clock, "clock");
    requireNonNull(interval, "interval");
    requireNonNull(restoreFor, "restoreFor");
    requireNonNull(grace, "grace");
    if (hotBudgetBytes < 0 || warmBudgetBytes < 0 || cacheBytes < 0) {
      throw new IllegalArgumentException("tier budgets must not be negative");
    }
  }

  /** Defaults: objects in {@code directory/objects}, the platform's retention, a pass every 5 minutes. */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /** Builds a {@link TierConfig}. */
  public static final class Builder {
    private final Path directory;
    private ObjectStore objects;
    private RetentionPolicy retention = RetentionPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Duration interval = Duration.ofMinutes(5);
    private long hotBudgetBytes;
    private long warmBudgetBytes;
    private long cacheBytes = 2L << 30;
    private Duration restoreFor = Duration.ofDays(7);
    private Duration grace = Duration.ofMinutes(10);

    private Builder(Path directory) {
      this.directory = requireNonNull(directory, "directory");
      this.objects = new FileObjectStore(directory.resolve("objects"));
    }

    public Builder objects(ObjectStore v) { this.objects = v; return this; }
    public Builder retention(RetentionPolicy v) { this.retention = v; return this; }
    public Builder clock(Clock v) { this.clock = v; return this; }
    public Builder interval(Duration v) { this.interval = v; return this; }
    public Builder hotBudgetBytes(long v) { this.hotBudgetBytes = v; return this; }
    public Builder warmBudgetBytes(long v) { this.warmBudgetBytes = v; return this; }
    public Builder cacheBytes(long v) { this.cacheBytes = v; return this; }
    public Builder restoreFor(Duration v) { this.restoreFor = v; return this; }
    public Builder grace(Duration v) { this.grace = v; return this; }

    public TierConfig build() {
      return new TierConfig(directory, objects, retention, clock, interval, hotBudgetBytes, warmBudgetBytes,
          cacheBytes, restoreFor, grace);
    }
  }
}
