package dev.sightline.storage.duckdb;

import dev.sightline.otlp.Ids;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.tier.ArchiveBundle;
import dev.sightline.storage.tier.SignalType;
import dev.sightline.storage.tier.Tier;
import dev.sightline.storage.tier.TierPlan;
import dev.sightline.storage.tier.TierUsage;
import dev.sightline.storage.tier.Tiers;
import java.util.ArrayList;
import java.util.List;

/** The embedded store's tiers: plans from {@link TierReads}, the catalog's contents, the lifecycle. */
final class DuckDbTiers implements Tiers {
  private final TierCatalog catalog;
  private final TierReads reads;
  private final TierLifecycle lifecycle;
  private final TierMoves restores;

  DuckDbTiers(TierCatalog catalog, TierReads reads, TierLifecycle lifecycle, TierMoves restores) {
    this.catalog = catalog;
    this.reads = reads;
    this.lifecycle = lifecycle;
    this.restores = restores;
  }

  @Override
  public TierPlan plan(String tenant, SignalType signal, TimeRange range) {
    return reads.plan(tenant, signal, range);
  }

  @Override
  public TierPlan planTrace(String tenant, String traceId) {
    return reads.planTrace(tenant, Ids.fromHex(traceId).toByteArray());
  }

  @Override
  public List<TierUsage> usage() {
    int signals = SignalType.values().length;
    long[][] sums = new long[Tier.values().length * signals][3];
    for (TierFile f : catalog.files()) {
      long[] s = sums[f.tier().ordinal() * signals + f.table().signal.ordinal()];
      s[0]++;
      s[1] += f.rows();
      s[2] += f.bytes();
    }
    List<TierUsage> out = new ArrayList<>();
    for (Tier tier : List.of(Tier.WARM, Tier.COLD, Tier.ARCHIVE)) {
      for (SignalType signal : SignalType.values()) {
        long[] s = sums[tier.ordinal() * signals + signal.ordinal()];
        out.add(new TierUsage(tier, signal, s[0], s[1], s[2]));
      }
    }
    return out;
  }

  @Override
  public List<ArchiveBundle> archive(String tenant) {
    return catalog.files().stream()
        .filter(f -> f.tier() == Tier.ARCHIVE && f.tenant().equals(tenant))
        .map(DuckDbTiers::bundle)
        .toList();
  }

  private static ArchiveBundle bundle(TierFile f) {
    return new ArchiveBundle(f.id(), f.tenant(), f.table().signal, f.minNs(), f.maxNs(), f.rows(), f.bytes(),
        f.restoredUntilMillis());
  }

  @Override
  public ArchiveBundle restore(String tenant, String bundleId) {
    synchronized (lifecycle) { // not while a pass moves or deletes the same bundle
      TierFile bundle = catalog.files().stream()
          .filter(f -> f.tier() == Tier.ARCHIVE && f.tenant().equals(tenant) && f.id().equals(bundleId))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("tenant " + tenant + " has no archived bundle '" + bundleId + "'"));
      return bundle(restores.restore(bundle));
    }
  }

  @Override
  public int runLifecycle() {
    return lifecycle.runOnce();
  }

  /** Counters of the lifecycle since start, for self-metrics. */
  TierLifecycle lifecycle() {
    return lifecycle;
  }
}
