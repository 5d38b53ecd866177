package dev.sightline.storage.duckdb;

import dev.sightline.storage.StorageException;
import dev.sightline.storage.tier.Retention;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background job that moves data down the tiers as it ages: hot days into warm files, warm
 * files to object storage, cold files of a month into archive bundles, and deletes what is past
 * the last tier. Every step writes its target first, checks it, and only then changes the catalog
 * and removes the source, so a crash at any point is repaired by running the job again. Runs on
 * one thread; {@link #runOnce()} is what a pass does.
 */
final class TierLifecycle implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TierLifecycle.class);
  private final ConnectionPool pool;
  private final TierCatalog catalog;
  private final TierConfig config;
  private final HotExport hotExport;
  private final TierMoves moves;
  private final HotBudget budget;
  private final DuckDbWriter writer;
  private final java.util.function.@org.jspecify.annotations.Nullable LongConsumer rollupsUntil;
  private final BackgroundPasses passes = new BackgroundPasses("tier lifecycle");
  final AtomicLong filesMoved = new AtomicLong();
  final AtomicLong rowsMoved = new AtomicLong();
  final AtomicLong filesDeleted = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  /** Hot days and files due to move when the last pass began, less those moved since. */
  final AtomicLong backlog = new AtomicLong();

  TierLifecycle(DuckDbWriter writer, ConnectionPool pool, TierCatalog catalog, TierConfig config,
      ObjectCache cache, HotBudget budget, java.util.function.@org.jspecify.annotations.Nullable LongConsumer rollupsUntil,
      ParquetKey key) {
    this.writer = writer;
    this.pool = pool;
    this.catalog = catalog;
    this.config = config;
    this.budget = budget;
    this.rollupsUntil = rollupsUntil;
    this.hotExport = new HotExport(writer, pool, catalog, config, key);
    this.moves = new TierMoves(pool, catalog, config, cache, key);
  }

  HotBudget budget() {
    return budget;
  }

  TierMoves moves() {
    return moves;
  }

  void start() {
    passes.start(config.interval(), this::runOnce);
  }

  /** One pass: everything due now, early moves under budget pressure, then garbage. */
  synchronized int runOnce() {
    int done = 0;
    try {
      long nowMs = config.clock().millis();
      List<HotDay> days = hotDays();
      backlog.set(days.stream().filter(d -> due(d, nowMs)).count() + moves.due());
      done += hotMoves(days, nowMs, false);
      if (budget.pressed(usedHotBytes())) {
        done += hotMoves(days, nowMs, true);
      }
      done += moves.warm(this::count);
      done += moves.cold(this::count);
      done += moves.archive(this::count);
      expireHotOnly(nowMs);
      moves.sweep();
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      throw e;
    }
    return done;
  }

  private void count(boolean deleted) {
    (deleted ? filesDeleted : filesMoved).incrementAndGet();
    backlog.updateAndGet(b -> Math.max(0, b - 1));
  }

  private boolean due(HotDay d, long nowMs) {
    long dayEndMs = (d.day() + 1) * 86_400_000L;
    Retention r = config.retention().of(d.tenant(), d.table().signal);
    return Duration.ofMillis(nowMs - dayEndMs).compareTo(r.hot()) >= 0;
  }

  long usedHotBytes() {
    return pool.with("measuring the hot store", budget::used);
  }

  /** A tenant's day of a table in the hot store. */
  private record HotDay(TieredTable table, String tenant, long day) {}

  /**
   * Moves hot days that are due; with {@code early}, the oldest days whatever their age, one by
   * one, until the hot store is below its budget's early-move mark. Moved days leave {@code days}.
   */
  private int hotMoves(List<HotDay> days, long nowMs, boolean early) {
    int moved = 0;
    for (java.util.Iterator<HotDay> it = days.iterator(); it.hasNext(); ) {
      HotDay d = it.next();
      long dayEndMs = (d.day() + 1) * 86_400_000L;
      if (!due(d, nowMs) && !early) {
        continue;
      }
      it.remove();
      if (d.table() == TieredTable.CHUNKS && rollupsUntil != null && dayEndMs > rollupProgress()) {
        rollupsUntil.accept(dayEndMs); // rollups read only the hot store: compute them before the samples leave
      }
      rowsMoved.addAndGet(hotExport.move(d.table(), d.tenant(), d.day()));
      count(false);
      moved++;
      if (early) {
        writer.checkpointFile();
        if (!budget.pressed(usedHotBytes())) {
          break;
        }
      }
    }
    if (moved > 0) {
      writer.checkpointFile();
      budget.update(usedHotBytes());
      log.info("moved {} day(s) of hot data to the warm tier{}", moved, early ? " early (hot budget)" : "");
    }
    return moved;
  }

  private List<HotDay> hotDays() {
    return pool.with("listing days in the hot store", c -> {
      List<HotDay> out = new ArrayList<>();
      for (TieredTable t : TieredTable.values()) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT DISTINCT tenant, " + t.day() + " FROM " + t.table)) {
          while (rs.next()) {
            out.add(new HotDay(t, rs.getString(1), rs.getLong(2)));
          }
        }
      }
      out.sort(Comparator.comparingLong(HotDay::day));
      return out;
    });
  }

  /**
   * What stays in the hot store for good goes by retention there: exemplars with the hot samples
   * they belong to, rollups once past the last tier of metrics.
   */
  private void expireHotOnly(long nowMs) {
    List<String> tenants = pool.with("listing tenants of exemplars and rollups", c -> {
      List<String> out = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT tenant FROM exemplars UNION SELECT tenant FROM rollups")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
    for (String tenant : tenants) {
      Retention r = config.retention().of(tenant, dev.sightline.storage.tier.SignalType.METRICS);
      writer.exclusive("expiring exemplars and rollups of " + tenant, c -> {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM exemplars WHERE tenant = ? AND ts < ?")) {
          ps.setString(1, tenant);
          ps.setLong(2, nowMs - r.hot().toMillis());
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rollups WHERE tenant = ? AND t_max < ?")) {
          ps.setString(1, tenant);
          ps.setLong(2, nowMs - Math.min(r.total().toMillis(), nowMs));
          ps.executeUpdate();
        }
        return null;
      });
    }
  }

  private long rollupProgress() {
    return pool.with("reading rollup progress", c -> {
      long min = Long.MAX_VALUE;
      for (long res : RollupJob.RESOLUTIONS) {
        Long done = RollupJob.progress(c, res);
        min = Math.min(min, done == null ? Long.MIN_VALUE : done);
      }
      return min;
    });
  }

  @Override
  public void close() {
    passes.close();
  }

  static void require(boolean ok, String what) throws IOException {
    if (!ok) {
      throw new IOException(what);
    }
  }

  static StorageException failed(String what, Exception e) {
    return new StorageException(what + " failed: " + e.getMessage(), e);
  }

  static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
