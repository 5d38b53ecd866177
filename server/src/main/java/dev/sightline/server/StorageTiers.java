package dev.sightline.server;

import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.server.config.ConfigException;
import dev.sightline.server.config.TierSettings;
import dev.sightline.storage.duckdb.DuckDbStorage;
import dev.sightline.storage.duckdb.TierConfig;
import dev.sightline.storage.objects.FileObjectStore;
import dev.sightline.storage.objects.ObjectStore;
import dev.sightline.storage.objects.S3ObjectStore;
import dev.sightline.storage.tier.TierUsage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/** The storage tiers as configured: the store's tier settings, and their self-metrics. */
final class StorageTiers {
  private StorageTiers() {}

  /** The store's tier configuration, or null when tiers are off; fails start-up when the S3 store cannot be reached. */
  static @Nullable TierConfig config(TierSettings s, Path dataDir, Clock clock) {
    if (!s.enabled()) {
      return null;
    }
    Path dir = s.directory() == null ? dataDir.resolve("tiers") : s.directory();
    ObjectStore objects;
    if (s.s3() == null) {
      objects = new FileObjectStore(dir.resolve("objects"));
    } else {
      try {
        // requests are signed with the real time: S3 refuses signatures more than 15 minutes off
        objects = S3ObjectStore.open(s.s3(), Clock.systemUTC());
      } catch (IOException e) {
        throw new ConfigException("tiers.s3.endpoint: " + e.getMessage());
      }
    }
    return TierConfig.builder(dir).objects(objects).retention(s.retention()).clock(clock).interval(s.interval())
        .hotBudgetBytes(s.hotBudgetBytes()).warmBudgetBytes(s.warmBudgetBytes()).cacheBytes(s.cacheBytes())
        .restoreFor(s.restoreFor()).grace(s.grace()).build();
  }

  static void registerGauges(DuckDbStorage storage, SelfMetrics metrics) {
    if (storage.tiers().isEmpty()) {
      return;
    }
    for (String name : storage.tierCounts().keySet()) {
      metrics.gauge("sightline_tier_" + name, "Storage tiers: files and rows moved, files deleted and failed passes "
          + "since start, items due (backlog), hot store bytes used and budget.",
          () -> storage.tierCounts().getOrDefault(name, 0L));
    }
    for (TierUsage u : storage.tiers().orElseThrow().usage()) {
      metrics.gauge("sightline_tier_files", "Files in each tier beyond the hot store.",
          () -> usage(storage, u).files(), "tier", u.tier().label(), "signal", u.signal().label());
      metrics.gauge("sightline_tier_bytes", "Bytes in each tier beyond the hot store.",
          () -> usage(storage, u).bytes(), "tier", u.tier().label(), "signal", u.signal().label());
    }
  }

  private static TierUsage usage(DuckDbStorage storage, TierUsage like) {
    return storage.tiers().orElseThrow().usage().stream()
        .filter(u -> u.tier() == like.tier() && u.signal() == like.signal()).findFirst().orElse(like);
  }
}
