package dev.sightline.storage.tier;

import dev.sightline.storage.TimeRange;
import java.util.List;

/** What a backend with storage tiers offers: plans of queries, usage, the archive. */
public interface Tiers {

  /** The tiers a query of {@code signal} for {@code tenant} over {@code range} reads now. */
  TierPlan plan(String tenant, SignalType signal, TimeRange range);

  /** The tiers a lookup of one trace reads now (files whose trace-id filter may hold it). */
  TierPlan planTrace(String tenant, String traceId);

  /** Files, rows and bytes in each tier beyond the hot store, per signal. */
  List<TierUsage> usage();

  /** The tenant's archived bundles, oldest first. */
  List<ArchiveBundle> archive(String tenant);

  /**
   * Makes a bundle readable by queries for the configured time (fetches it from object storage);
   * fails with {@link IllegalArgumentException} when the tenant has no such bundle.
   */
  ArchiveBundle restore(String tenant, String bundleId);

  /** Runs every lifecycle move that is due now and returns the number of files moved or deleted. */
  int runLifecycle();
}
