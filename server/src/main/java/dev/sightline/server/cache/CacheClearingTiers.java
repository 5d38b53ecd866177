package dev.sightline.server.cache;

import dev.sightline.storage.TimeRange;
import dev.sightline.storage.tier.ArchiveBundle;
import dev.sightline.storage.tier.SignalType;
import dev.sightline.storage.tier.TierPlan;
import dev.sightline.storage.tier.TierUsage;
import dev.sightline.storage.tier.Tiers;
import java.util.List;

/**
 * The engine's tiers, clearing a tenant's cache entries when an archive bundle of it is restored
 * (a trace read before may now have more spans), and the whole cache after a lifecycle run asked
 * for here moved or deleted files: moves to the archive and retention make data unreadable. The
 * engine's own periodic runs are not seen here; what they take away leaves the cache with the
 * TTLs (docs/scaling.md, "Cache").
 */
final class CacheClearingTiers implements Tiers {
  private final Tiers tiers;
  private final QueryCache cache;

  CacheClearingTiers(Tiers tiers, QueryCache cache) {
    this.tiers = tiers;
    this.cache = cache;
  }

  @Override
  public TierPlan plan(String tenant, SignalType signal, TimeRange range) {
    return tiers.plan(tenant, signal, range);
  }

  @Override
  public TierPlan planTrace(String tenant, String traceId) {
    return tiers.planTrace(tenant, traceId);
  }

  @Override
  public List<TierUsage> usage() {
    return tiers.usage();
  }

  @Override
  public List<ArchiveBundle> archive(String tenant) {
    return tiers.archive(tenant);
  }

  @Override
  public ArchiveBundle restore(String tenant, String bundleId) {
    ArchiveBundle bundle = tiers.restore(tenant, bundleId);
    cache.clearTenant(tenant);
    return bundle;
  }

  @Override
  public int runLifecycle() {
    int moved = tiers.runLifecycle();
    if (moved > 0) {
      cache.clearAll();
    }
    return moved;
  }
}
