package dev.sightline.storage.duckdb;

import dev.sightline.storage.tier.Tier;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Rewrites tier files without rows that a deletion on request selects, with the lifecycle's
 * protocol: the new file is written and checked, then replaces the old in one published catalog
 * change, and the old goes on the garbage list.
 */
final class TierRewrite {
  private final ConnectionPool pool;
  private final TierConfig config;
  private final ObjectCache cache;
  private final ParquetKey parquetKey;
  private final TierMoves moves;
  private final CatalogChanges changes;

  TierRewrite(ConnectionPool pool, TierCatalog catalog, TierConfig config, ObjectCache cache, ParquetKey key,
      TierMoves moves) {
    this.pool = pool;
    this.config = config;
    this.cache = cache;
    this.parquetKey = key;
    this.moves = moves;
    this.changes = new CatalogChanges(pool, catalog);
  }

  /**
   * Rewrites the file without the rows matching {@code condition} (over alias {@code t}) and
   * returns how many went; the new file replaces the old in the catalog, which is collected later.
   */
  long rewriteWithout(TierFile f, String condition) {
    String source = ParquetFiles.literal(switch (f.tier()) {
      case WARM -> config.directory().resolve(f.location()).toString();
      default -> cache.fetch(f.location()).toString();
    });
    long matched = pool.with("counting rows to delete in " + f.id(), c -> TierLifecycle.count(c,
        "SELECT count(*) FROM read_parquet(" + source + parquetKey.readOption() + ") t WHERE " + condition));
    if (matched == 0) {
      return 0;
    }
    if (matched == f.rows()) {
      moves.delete(f);
      return matched;
    }
    String suffix = "-d" + UUID.randomUUID().toString().substring(0, 8) + ".parquet";
    String location = f.location().replaceFirst("(-d[0-9a-f]{8})?\\.parquet$", suffix);
    boolean local = f.tier() == Tier.WARM;
    String staging = local ? location : "staging/" + f.id() + suffix;
    Path file = config.directory().resolve(staging);
    try {
      changes.change("recording the rewrite of " + f.id(), c -> {
        TierCatalog.collectLater(c, TierCatalog.Kind.FILE, staging, moves.later());
        if (!local) {
          TierCatalog.collectLater(c, TierCatalog.Kind.OBJECT, location, moves.later());
        }
      });
      ParquetFiles.Written w = pool.with("rewriting " + f.id(), c -> {
        try {
          return ParquetFiles.write(c, f.table(), "SELECT * FROM read_parquet(" + source + parquetKey.readOption()
              + ") t WHERE (" + condition + ") IS NOT TRUE", file, parquetKey);
        } catch (IOException e) {
          throw new SQLException(e.getMessage(), e);
        }
      });
      TierLifecycle.require(w.rows() == f.rows() - matched, f.id() + " rewritten holds " + w.rows() + " rows, not "
          + (f.rows() - matched));
      if (!local) {
        config.objects().put(location, file);
        TierLifecycle.require(config.objects().size(location).orElse(-1) == w.bytes(), "the object store holds a different size of " + location);
      }
      changes.publish("replacing " + f.id() + " by its rewrite", c -> {
        TierCatalog.replace(c, f.rewritten(location, w));
        TierCatalog.keep(c, local ? TierCatalog.Kind.FILE : TierCatalog.Kind.OBJECT, location);
        if (local) {
          TierCatalog.collectLater(c, TierCatalog.Kind.FILE, f.location(), moves.later());
        } else {
          TierCatalog.collectLater(c, TierCatalog.Kind.OBJECT, f.location(), moves.later());
        }
        if (f.restoredUntilMillis() > 0) {
          TierCatalog.collectLater(c, TierCatalog.Kind.FILE, TierMoves.restored(f), moves.later());
        }
      });
      return matched;
    } catch (IOException e) {
      throw TierLifecycle.failed("rewriting " + f.id() + " without deleted rows", e);
    }
  }
}
