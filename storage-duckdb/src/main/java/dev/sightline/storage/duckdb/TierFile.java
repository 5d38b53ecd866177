package dev.sightline.storage.duckdb;

import dev.sightline.storage.tier.Tier;
import org.jspecify.annotations.Nullable;

/**
 * One Parquet file of a tiered table, as the catalog knows it: rows of one tenant and day (or, in
 * the archive, a bundle of days), where it is ({@code location}: a path under the tier directory
 * for warm files, an object key for cold and archived ones) and what it spans.
 *
 * @param traceFilter for span files, a {@link TraceIdFilter} of the trace ids in the file
 * @param restoredUntilMillis for archived bundles, until when a restored copy is readable
 */
record TierFile(String id, String tenant, TieredTable table, long day, Tier tier, String location,
    long rows, long bytes, long minNs, long maxNs, byte @Nullable [] traceFilter, long restoredUntilMillis) {

  boolean overlaps(long fromNs, long toNs) {
    return maxNs >= fromNs && minNs <= toNs;
  }

  TierFile in(Tier to, String newLocation, long newBytes) {
    return new TierFile(id, tenant, table, day, to, newLocation, rows, newBytes, minNs, maxNs, traceFilter, 0);
  }

  /** The same file's rows after a rewrite, at a new location; a restored copy is not kept. */
  TierFile rewritten(String newLocation, ParquetFiles.Written w) {
    return new TierFile(id, tenant, table, day, tier, newLocation, w.rows(), w.bytes(), w.minNs(), w.maxNs(),
        w.traceFilter(), 0);
  }

  TierFile restoredUntil(long millis) {
    return new TierFile(id, tenant, table, day, tier, location, rows, bytes, minNs, maxNs, traceFilter, millis);
  }
}
