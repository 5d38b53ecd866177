package dev.sightline.storage.duckdb;

import dev.sightline.storage.objects.ObjectStore;
import dev.sightline.storage.tier.Retention;
import dev.sightline.storage.tier.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The moves beyond the hot store, each one file or bundle at a time: warm files to object storage,
 * cold files of a tenant's month into one archive bundle, deletion past the last tier, the end of
 * restores, and collecting what the garbage list holds.
 */
final class TierMoves {
  private final ConnectionPool pool;
  private final TierCatalog catalog;
  private final TierConfig config;
  private final ObjectCache cache;
  private final ObjectStore objects;
  private final ParquetKey parquetKey;
  private final CatalogChanges changes;

  TierMoves(ConnectionPool pool, TierCatalog catalog, TierConfig config, ObjectCache cache, ParquetKey key) {
    this.changes = new CatalogChanges(pool, catalog);
    this.parquetKey = key;
    this.pool = pool;
    this.catalog = catalog;
    this.config = config;
    this.cache = cache;
    this.objects = config.objects();
  }

  private long now() {
    return config.clock().millis();
  }

  long later() {
    return now() + config.grace().toMillis();
  }

  /** Where data of this file belongs now; null when it is past the last tier. */
  private @Nullable Tier target(TierFile f) {
    Retention r = config.retention().of(f.tenant(), f.table().signal);
    Duration age = Duration.ofMillis(Math.max(0, now() - f.maxNs() / 1_000_000L));
    Tier t = r.tierFor(age);
    return t == null || t.ordinal() > f.tier().ordinal() ? t : f.tier();
  }

  /** Files whose tier is not where their age puts them. */
  long due() {
    return catalog.files().stream().filter(f -> target(f) != f.tier()).count();
  }

  /** Warm files that are due (or, over the warm budget, the oldest) go to object storage or away. */
  int warm(Consumer<Boolean> done) {
    List<TierFile> warm = catalog.files().stream().filter(f -> f.tier() == Tier.WARM).toList();
    long warmBytes = warm.stream().mapToLong(TierFile::bytes).sum();
    int moved = 0;
    for (TierFile f : warm) {
      Tier target = target(f);
      boolean over = config.warmBudgetBytes() > 0 && warmBytes > config.warmBudgetBytes();
      if (target == Tier.WARM && !over) {
        continue;
      }
      warmBytes -= f.bytes();
      if (target == null) {
        delete(f);
        done.accept(true);
      } else {
        upload(f);
        done.accept(false);
      }
      moved++;
    }
    return moved;
  }

  private void upload(TierFile f) {
    String key = "cold/" + f.location().substring("warm/".length());
    Path file = config.directory().resolve(f.location());
    try {
      changes.change("recording the object about to be written", c -> TierCatalog.collectLater(c, TierCatalog.Kind.OBJECT, key, later()));
      objects.put(key, file);
      long size = objects.size(key).orElse(-1);
      TierLifecycle.require(size == Files.size(file), "the object store holds " + size + " bytes of " + key
          + ", not the " + Files.size(file) + " written");
      changes.publish("moving " + f.id() + " to the cold tier", c -> {
        TierCatalog.replace(c, f.in(Tier.COLD, key, size));
        TierCatalog.keep(c, TierCatalog.Kind.OBJECT, key);
        TierCatalog.collectLater(c, TierCatalog.Kind.FILE, f.location(), later());
      });
    } catch (IOException e) {
      throw TierLifecycle.failed("moving " + f.id() + " to " + objects.describe(), e);
    }
  }

  /** Cold files that are due go, a tenant's table and month at a time, into one archive bundle. */
  int cold(Consumer<Boolean> done) {
    Map<String, List<TierFile>> bundles = new LinkedHashMap<>();
    int moved = 0;
    for (TierFile f : catalog.files()) {
      if (f.tier() != Tier.COLD) {
        continue;
      }
      Tier target = target(f);
      if (target == null) {
        delete(f);
        done.accept(true);
        moved++;
      } else if (target == Tier.ARCHIVE) {
        bundles.computeIfAbsent(f.tenant() + "\n" + f.table().table + "\n" + month(f), k -> new ArrayList<>()).add(f);
      }
    }
    for (List<TierFile> members : bundles.values()) {
      bundle(members);
      members.forEach(m -> done.accept(false));
      moved += members.size();
    }
    return moved;
  }

  private static YearMonth month(TierFile f) {
    return YearMonth.from(Instant.ofEpochMilli(f.minNs() / 1_000_000L).atZone(ZoneOffset.UTC));
  }

  private void bundle(List<TierFile> members) {
    TierFile first = members.get(0);
    YearMonth month = month(first);
    String id = first.table().table + "-" + month + "-" + UUID.randomUUID().toString().substring(0, 8);
    String key = "archive/" + HotExport.path(first.tenant(), first.table(), month.toString(), id);
    String staging = "staging/" + id + ".parquet";
    Path file = config.directory().resolve(staging);
    long rows = members.stream().mapToLong(TierFile::rows).sum();
    try {
      changes.change("recording the bundle about to be written", c -> {
        TierCatalog.collectLater(c, TierCatalog.Kind.FILE, staging, later());
        TierCatalog.collectLater(c, TierCatalog.Kind.OBJECT, key, later());
      });
      List<String> paths = new ArrayList<>();
      for (TierFile m : members) {
        paths.add(cache.fetch(m.location()).toString());
      }
      String source = TierReads.files(paths, parquetKey);
      ParquetFiles.Written w = pool.with("writing bundle " + id, c -> {
        try {
          return ParquetFiles.write(c, first.table(), "SELECT * FROM " + source, file, parquetKey);
        } catch (IOException e) {
          throw new SQLException(e.getMessage(), e);
        }
      });
      TierLifecycle.require(w.rows() == rows, "bundle " + id + " holds " + w.rows() + " rows, its files " + rows);
      objects.put(key, file);
      long size = objects.size(key).orElse(-1);
      TierLifecycle.require(size == w.bytes(), "the object store holds " + size + " bytes of " + key);
      changes.publish("archiving " + members.size() + " files as " + id, c -> {
        TierCatalog.insert(c, new TierFile(id, first.tenant(), first.table(), first.day(), Tier.ARCHIVE, key,
            w.rows(), w.bytes(), w.minNs(), w.maxNs(), w.traceFilter(), 0));
        for (TierFile m : members) {
          TierCatalog.remove(c, m.id());
          TierCatalog.collectLater(c, TierCatalog.Kind.OBJECT, m.location(), later());
        }
        TierCatalog.keep(c, TierCatalog.Kind.OBJECT, key);
      });
    } catch (IOException e) {
      throw TierLifecycle.failed("archiving " + members.size() + " files as " + id, e);
    }
  }

  /** Archived bundles past the last tier are deleted; restores that ended are let go. */
  int archive(Consumer<Boolean> done) {
    int moved = 0;
    for (TierFile f : catalog.files()) {
      if (f.tier() != Tier.ARCHIVE) {
        continue;
      }
      if (target(f) == null) {
        delete(f);
        done.accept(true);
        moved++;
      } else if (f.restoredUntilMillis() > 0 && f.restoredUntilMillis() <= now()) {
        changes.publish("ending the restore of " + f.id(), c -> {
          TierCatalog.replace(c, f.restoredUntil(0));
          TierCatalog.collectLater(c, TierCatalog.Kind.FILE, restored(f), later());
        });
      }
    }
    return moved;
  }

  static String restored(TierFile bundle) {
    return "restored/" + bundle.id() + ".parquet";
  }

  /** Fetches a bundle for queries until the restore time has passed. */
  TierFile restore(TierFile bundle) {
    Path file = config.directory().resolve(restored(bundle));
    try {
      Files.createDirectories(file.getParent());
      objects.get(bundle.location(), file);
      TierFile restored = bundle.restoredUntil(now() + config.restoreFor().toMillis());
      changes.publish("restoring " + bundle.id(), c -> {
        TierCatalog.replace(c, restored);
        TierCatalog.keep(c, TierCatalog.Kind.FILE, restored(bundle));
      });
      return restored;
    } catch (IOException e) {
      throw TierLifecycle.failed("restoring " + bundle.id() + " from " + objects.describe(), e);
    }
  }


  void delete(TierFile f) {
    changes.publish("deleting " + f.id() + " past its retention", c -> {
      TierCatalog.remove(c, f.id());
      TierCatalog.collectLater(c, f.tier() == Tier.WARM ? TierCatalog.Kind.FILE : TierCatalog.Kind.OBJECT,
          f.location(), later());
      if (f.restoredUntilMillis() > 0) {
        TierCatalog.collectLater(c, TierCatalog.Kind.FILE, restored(f), later());
      }
    });
  }

  /** Deletes the files and objects on the garbage list whose time has come. */
  void sweep() {
    record Garbage(TierCatalog.Kind kind, String location) {}
    List<Garbage> due = pool.with("reading the garbage list", c -> {
      List<Garbage> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT kind, location FROM tier_garbage WHERE not_before <= ?")) {
        ps.setLong(1, now());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Garbage(TierCatalog.Kind.valueOf(rs.getString(1)), rs.getString(2)));
          }
        }
      }
      return out;
    });
    for (Garbage g : due) {
      try {
        if (g.kind() == TierCatalog.Kind.FILE) {
          Files.deleteIfExists(config.directory().resolve(g.location()));
        } else {
          objects.delete(g.location());
          cache.drop(g.location());
        }
      } catch (IOException e) {
        throw TierLifecycle.failed("deleting " + g.location(), e);
      }
      changes.change("forgetting " + g.location(), c -> TierCatalog.keep(c, g.kind(), g.location()));
    }
  }

}
