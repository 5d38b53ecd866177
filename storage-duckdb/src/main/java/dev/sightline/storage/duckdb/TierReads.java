package dev.sightline.storage.duckdb;

import dev.sightline.storage.TimeRange;
import dev.sightline.storage.tier.Retention;
import dev.sightline.storage.tier.SignalType;
import dev.sightline.storage.tier.Tier;
import dev.sightline.storage.tier.TierPlan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What a query reads of a tiered table: the hot table alone, or the hot table together with the
 * Parquet files of the tiers that hold rows in the query's range (cold ones fetched into the
 * cache, archived ones only when restored), as one SQL source that DuckDB filters in place.
 */
final class TierReads {
  private final @Nullable TierCatalog catalog;
  private final @Nullable TierConfig config;
  private final @Nullable ObjectCache cache;
  private final ParquetKey key;

  /** Where a query's text names its tiered table, replaced by the source the tiers give. */
  static final String SOURCE = "\u0001source\u0001";

  /** Reads of a store without tiers: always the hot table. */
  static final TierReads HOT_ONLY = new TierReads(null, null, null, ParquetKey.NONE);

  TierReads(@Nullable TierCatalog catalog, @Nullable TierConfig config, @Nullable ObjectCache cache, ParquetKey key) {
    this.key = key;
    this.catalog = catalog;
    this.config = config;
    this.cache = cache;
  }

  /** Runs {@code query} with the source of {@code table} for rows of {@code tenant} in the range. */
  <T> T read(TieredTable table, String tenant, long fromNs, long toNs, Function<String, T> query) {
    return read(table, inRange(tenant, fromNs, toNs), query);
  }

  /** Runs {@code query} with the source of spans that may hold the trace. */
  <T> T readTrace(String tenant, byte[] traceId, Function<String, T> query) {
    return read(TieredTable.SPANS, mayHold(tenant, traceId), query);
  }

  private static Predicate<TierFile> inRange(String tenant, long fromNs, long toNs) {
    return f -> f.tenant().equals(tenant) && f.overlaps(fromNs, toNs);
  }

  /** Span files of the tenant whose trace-id filter may hold the trace. */
  private static Predicate<TierFile> mayHold(String tenant, byte[] traceId) {
    return f -> f.table() == TieredTable.SPANS && f.tenant().equals(tenant)
        && (f.traceFilter() == null || TraceIdFilter.mayContain(f.traceFilter(), traceId));
  }

  private <T> T read(TieredTable table, Predicate<TierFile> wanted, Function<String, T> query) {
    if (catalog == null) {
      return query.apply(table.table);
    }
    catalog.readLock().lock();
    try {
      List<String> paths = new ArrayList<>();
      long now = config.clock().millis();
      for (TierFile f : catalog.files()) {
        if (f.table() == table && wanted.test(f)) {
          Path p = local(f, now);
          if (p != null) {
            paths.add(p.toString());
          }
        }
      }
      return query.apply(paths.isEmpty() ? table.table : union(table.table, paths, key));
    } finally {
      catalog.readLock().unlock();
    }
  }

  private @Nullable Path local(TierFile f, long nowMillis) {
    return switch (f.tier()) {
      case HOT -> null;
      case WARM -> config.directory().resolve(f.location());
      case COLD -> cache.fetch(f.location());
      case ARCHIVE -> f.restoredUntilMillis() > nowMillis ? config.directory().resolve(TierMoves.restored(f)) : null;
    };
  }

  static String union(String table, List<String> paths, ParquetKey key) {
    return "(SELECT * FROM " + table + " UNION ALL BY NAME SELECT * FROM " + files(paths, key) + ")";
  }

  /** A DuckDB table function reading the Parquet files as one table. */
  static String files(List<String> paths, ParquetKey key) {
    StringBuilder list = new StringBuilder();
    for (String p : paths) {
      list.append(list.isEmpty() ? "" : ", ").append(ParquetFiles.literal(p));
    }
    return "read_parquet([" + list + "], union_by_name = true" + key.readOption() + ")";
  }

  /** Which tiers a query of the signal over the range reads now, and what it cannot read. */
  TierPlan plan(String tenant, SignalType signal, TimeRange range) {
    if (catalog == null) {
      return TierPlan.hotOnly();
    }
    TierPlan files = plan(inRange(tenant, range.startNanos(), range.endNanos()).and(f -> f.table().signal == signal));
    List<String> skipped = new ArrayList<>(files.skipped());
    long now = config.clock().millis();
    Retention retention = config.retention().of(tenant, signal);
    long deletedBefore = Math.subtractExact(now, Math.min(retention.total().toMillis(), now)) * 1_000_000L;
    if (range.startNanos() > 0 && range.startNanos() < deletedBefore) {
      skipped.add("data before " + Instant.ofEpochMilli(deletedBefore / 1_000_000L)
          + " is past the " + signal.label() + " retention of " + retention.total().toDays() + " days");
    }
    return new TierPlan(files.read(), skipped);
  }

  /** Which tiers a lookup of the trace reads now: those with files that may hold it. */
  TierPlan planTrace(String tenant, byte[] traceId) {
    if (catalog == null) {
      return TierPlan.hotOnly();
    }
    return plan(mayHold(tenant, traceId));
  }

  private TierPlan plan(Predicate<TierFile> wanted) {
    Set<Tier> read = EnumSet.of(Tier.HOT);
    List<String> skipped = new ArrayList<>();
    long now = config.clock().millis();
    for (TierFile f : catalog.files()) {
      if (!wanted.test(f)) {
        continue;
      }
      if (f.tier() == Tier.ARCHIVE && f.restoredUntilMillis() <= now) {
        skipped.add("archived bundle " + f.id() + " (" + Instant.ofEpochSecond(0, f.minNs()) + " to "
            + Instant.ofEpochSecond(0, f.maxNs()) + ") is not restored");
      } else {
        read.add(f.tier());
      }
    }
    return new TierPlan(List.copyOf(read), skipped);
  }
}
