package dev.sightline.storage.duckdb;

import dev.sightline.storage.DataDeleter;
import dev.sightline.storage.DeletionReport;
import dev.sightline.storage.DeletionRequest;
import dev.sightline.storage.tier.Tier;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Deletion on request: the hot rows in one transaction on the writer's connection, then every tier
 * file holding selected rows, each rewritten without them ({@link TierRewrite}). Runs while the
 * lifecycle is not moving anything, so a file is never moved and rewritten at once.
 */
final class DataDeletion implements DataDeleter {
  private final DuckDbWriter writer;
  private final @Nullable TierCatalog catalog;
  private final @Nullable TierLifecycle lifecycle;
  private final @Nullable TierRewrite rewrite;

  DataDeletion(DuckDbWriter writer, @Nullable TierCatalog catalog, @Nullable TierLifecycle lifecycle,
      @Nullable TierRewrite rewrite) {
    this.writer = writer;
    this.catalog = catalog;
    this.lifecycle = lifecycle;
    this.rewrite = rewrite;
  }

  @Override
  public DeletionReport delete(DeletionRequest r) {
    if (lifecycle == null) {
      return deleteNow(r);
    }
    synchronized (lifecycle) {
      return deleteNow(r);
    }
  }

  private DeletionReport deleteNow(DeletionRequest r) {
    Map<String, Long> removed = new HashMap<>();
    for (Tier t : Tier.values()) {
      removed.put(t.label(), 0L);
    }
    long hot = writer.exclusive("deleting selected data of " + r.tenant(), c -> {
      long n = 0;
      for (TieredTable table : TieredTable.values()) {
        if (r.signals().contains(table.signal)) {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table.table + " t WHERE "
              + DeletionSelector.condition(table, r))) {
            n += ps.executeUpdate();
          }
        }
      }
      return n;
    });
    removed.put(Tier.HOT.label(), hot);
    int rewritten = 0;
    if (catalog != null && rewrite != null) {
      for (TierFile f : catalog.files()) {
        if (!f.tenant().equals(r.tenant()) || !r.signals().contains(f.table().signal)
            || !f.overlaps(r.range().startNanos(), r.range().endNanos())) {
          continue;
        }
        long n = rewrite.rewriteWithout(f, DeletionSelector.condition(f.table(), r));
        if (n > 0) {
          removed.merge(f.tier().label(), n, Long::sum);
          rewritten++;
        }
      }
    }
    return new DeletionReport(removed, rewritten);
  }
}
