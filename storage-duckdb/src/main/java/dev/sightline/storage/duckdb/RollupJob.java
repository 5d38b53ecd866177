package dev.sightline.storage.duckdb;

import dev.sightline.storage.duckdb.chunk.ChunkDecoder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * Computes the {@code rollups} of every series at {@link #RESOLUTIONS}: a window is computed once
 * it ends at or before the store's newest sample minus the out-of-order window, after which no
 * sample of it can arrive. Each pass covers at most {@value #PASS_MS} ms (one chunk window, so a
 * series' chunks are read about once) and writes one {@link RollupBlock} row per series and the
 * new {@code rollup_progress}
 * in one transaction on the writer's connection ({@link DuckDbWriter#exclusive}): a crash leaves a
 * window either whole or not there, and a pass never writes a window twice.
 *
 * <p>A series whose samples lag behind the store's newest by more than the out-of-order window may
 * still take samples into windows already computed; those are not in its rollups.
 */
final class RollupJob implements AutoCloseable {
  static final long[] RESOLUTIONS = {5 * 60_000L, 60 * 60_000L};
  static final long PASS_MS = ChunkCompactor.WINDOW_MS;

  private final DuckDbWriter writer;
  private final SampleStore store;
  private final BackgroundPasses passes = new BackgroundPasses("rollup computation");

  RollupJob(DuckDbWriter writer, SampleStore store) {
    this.writer = writer;
    this.store = store;
  }

  void start() {
    passes.start(store.config.rollupInterval(), () -> runUntilCaughtUp());
  }


  /** Runs passes until every window that can be computed is; returns the windows written. */
  long runUntilCaughtUp() {
    long total = 0;
    for (long res : RESOLUTIONS) {
      for (long written = passOnce(res); written >= 0; written = passOnce(res)) {
        total += written;
        if (passes.stopping()) {
          return total;
        }
      }
    }
    return total;
  }

  /**
   * Computes every window ending by {@code untilMs} even when no newer sample has arrived since:
   * the tier lifecycle calls it before it moves a day of samples out of the hot store, which only
   * happens long after the out-of-order window has closed on that day.
   */
  void runUntil(long untilMs) {
    for (long res : RESOLUTIONS) {
      while (writer.exclusive("computing rollups", c -> pass(c, res, untilMs)) >= 0) {
        if (passes.stopping()) {
          return;
        }
      }
    }
  }

  /** One pass at one resolution: the rows written, or -1 when nothing was left to compute. */
  long passOnce(long res) {
    return writer.exclusive("computing rollups", c -> pass(c, res, Long.MIN_VALUE));
  }

  private long pass(Connection c, long res, long atLeastUntil) throws SQLException {
    long oldest;
    long newest;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT min(min_t), max(max_t) FROM chunks")) {
      rs.next();
      oldest = rs.getLong(1);
      newest = rs.getLong(2);
      if (rs.wasNull()) {
        return -1;
      }
    }
    long until = Math.floorDiv(Math.max(newest - store.config.outOfOrderWindow().toMillis(), atLeastUntil), res) * res;
    Long done = progress(c, res);
    long from = done != null ? done : Math.floorDiv(oldest, res) * res;
    if (from + res > until) {
      return -1;
    }
    long to = Math.min(until, (Math.floorDiv(from, PASS_MS) + 1) * PASS_MS);
    long rows = write(c, res, from, to);
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM rollup_progress WHERE res_ms = ?")) {
      ps.setInt(1, (int) res);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_progress VALUES (?, ?)")) {
      ps.setInt(1, (int) res);
      ps.setLong(2, to);
      ps.executeUpdate();
    }
    return rows;
  }

  /** The end of the windows computed at {@code res}, or null before the first pass. */
  static @Nullable Long progress(Connection c, long res) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT max(done_until) FROM rollup_progress WHERE res_ms = ?")) {
      ps.setInt(1, (int) res);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long v = rs.getLong(1);
        return rs.wasNull() ? null : v;
      }
    }
  }

  private record SeriesChunks(String tenant, List<byte[]> chunks) {}

  /** Rows of the windows in {@code [from, to)} of every series with samples there. */
  private static long write(Connection c, long res, long from, long to) throws SQLException {
    Map<Integer, SeriesChunks> bySeries = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT series_id, tenant, data FROM chunks"
        + " WHERE max_t >= ? AND min_t < ? ORDER BY series_id, seq, min_t")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String tenant = rs.getString(2);
          bySeries.computeIfAbsent(rs.getInt(1), k -> new SeriesChunks(tenant, new ArrayList<>())).chunks().add(rs.getBytes(3));
        }
      }
    }
    Map<Integer, Double> previous = previousLast(c, res, from);
    ChunkDecoder decoder = new ChunkDecoder();
    SampleBatch.Samples samples = new SampleBatch.Samples();
    RollupWindow w = new RollupWindow();
    RollupBlock block = new RollupBlock();
    long rows = 0;
    DuckDBAppender out = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "rollups");
    try {
      for (Map.Entry<Integer, SeriesChunks> e : bySeries.entrySet()) {
        ChunkMerge.merge(decoder, e.getValue().chunks(), from, to - 1, samples);
        Double before = previous.get(e.getKey());
        w.reset(before != null, before == null ? 0 : before);
        block.clear();
        long window = Long.MIN_VALUE;
        for (int i = 0; i <= samples.size; i++) {
          long start = i < samples.size ? Math.floorDiv(samples.timestamps[i], res) * res : Long.MAX_VALUE;
          if (start != window) {
            if (w.n > 0) {
              block.add(w);
            }
            w.reset(w.hasPrevious(), w.previous());
            window = start;
          }
          if (i < samples.size) {
            w.add(samples.timestamps[i], samples.values[i]);
          }
        }
        if (block.size() > 0) {
          append(out, e.getValue().tenant(), e.getKey(), res, block);
          rows += block.size();
        }
      }
      out.flush();
    } finally {
      out.close();
    }
    return rows;
  }

  /** Each series' last value in the day of windows before {@code from}, the base of the first increase. */
  private static Map<Integer, Double> previousLast(Connection c, long res, long from) throws SQLException {
    Map<Integer, Double> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT series_id, arg_max(data, t_max) FROM rollups"
        + " WHERE res_ms = ? AND t_max < ? AND t_max >= ? GROUP BY series_id")) {
      ps.setInt(1, (int) res);
      ps.setLong(2, from);
      ps.setLong(3, from - 24 * 60 * 60_000L);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          var last = RollupBlock.column(rs.getBytes(2), RollupBlock.Column.LAST);
          out.put(rs.getInt(1), last.values()[last.size() - 1]);
        }
      }
    }
    return out;
  }

  private static void append(DuckDBAppender a, String tenant, int seriesId, long res, RollupBlock block)
      throws SQLException {
    a.beginRow();
    a.append(tenant);
    a.append(seriesId);
    a.append((int) res);
    a.append(block.firstTime());
    a.append(block.lastTime());
    a.append(block.size());
    a.append(block.encode());
    a.endRow();
  }

  @Override
  public void close() {
    passes.close();
  }

}
