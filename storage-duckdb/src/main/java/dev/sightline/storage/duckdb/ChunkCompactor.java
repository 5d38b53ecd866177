package dev.sightline.storage.duckdb;

import dev.sightline.storage.duckdb.chunk.ChunkCodec;
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
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Merges a series' small chunks as written (level 0) into chunks of up to {@value #MAX_SAMPLES}
 * samples within one {@value #WINDOW_MS} ms (2 hour) window (level 1), sorted by time with the later
 * write kept for equal timestamps. Each pass takes at most {@link SampleStoreConfig#seriesPerCompaction()}
 * series and runs in one transaction on the writer's connection while the writer waits
 * ({@link DuckDbWriter#exclusive}), so a batch never sees half a merge and a crash leaves either
 * the old chunks or the new ones. The merged set also takes in the unfilled level-1 chunk of the
 * same window and every chunk overlapping the set, so no chunk left out shares a timestamp with
 * the merged ones and "later write wins" still holds between them by sequence.
 */
final class ChunkCompactor implements AutoCloseable {
  static final long WINDOW_MS = 2 * 60 * 60 * 1000L;
  static final int MAX_SAMPLES = 1000;
  private static final int ROWS_PER_STATEMENT = 2000;

  private record Meta(long rowid, int seriesId, String tenant, long minT, long maxT, int n, long seq, int level) {
    boolean overlaps(Meta o) {
      return minT <= o.maxT && o.minT <= maxT;
    }

    boolean sameWindow(Meta o) {
      return Math.floorDiv(minT, WINDOW_MS) == Math.floorDiv(o.minT, WINDOW_MS);
    }
  }

  private final DuckDbWriter writer;
  private final SampleStore store;
  private final BackgroundPasses passes = new BackgroundPasses("chunk compaction");

  ChunkCompactor(DuckDbWriter writer, SampleStore store) {
    this.writer = writer;
    this.store = store;
  }

  void start() {
    passes.start(store.config.compactionInterval(), () -> compactOnce(store.config.chunksToCompact()));
  }


  /** One pass over series with at least {@code minChunks} level-0 chunks; returns how many were merged. */
  int compactOnce(int minChunks) {
    return writer.exclusive("merging sample chunks", c -> pass(c, minChunks));
  }

  private int pass(Connection c, int minChunks) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT series_id FROM chunks WHERE level = 0 GROUP BY series_id HAVING count(*) >= ? LIMIT ?")) {
      ps.setInt(1, minChunks);
      ps.setInt(2, store.config.seriesPerCompaction());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getInt(1));
        }
      }
    }
    if (ids.isEmpty()) {
      return 0;
    }
    Map<Integer, List<Meta>> bySeries = new LinkedHashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT rowid, series_id, tenant, min_t, max_t, n, seq, level FROM chunks WHERE series_id IN ("
            + join(ids) + ") ORDER BY series_id, seq, min_t")) {
      while (rs.next()) {
        Meta m = new Meta(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
            rs.getInt(6), rs.getLong(7), rs.getInt(8));
        bySeries.computeIfAbsent(m.seriesId(), k -> new ArrayList<>()).add(m);
      }
    }
    List<List<Meta>> merges = bySeries.values().stream().map(ChunkCompactor::mergeSet).toList();
    Map<Long, byte[]> data = data(c, ids, merges);
    List<Long> delete = new ArrayList<>();
    List<Long> deleteMerged = new ArrayList<>();
    // merged chunks go in before the old ones go out: should the two ever commit apart, a reader
    // sees duplicates (which it merges away), never a gap
    DuckDBAppender insert = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "chunks");
    try {
      ChunkDecoder decoder = new ChunkDecoder();
      for (List<Meta> set : merges) {
        SampleBatch.Samples all = ChunkMerge.merge(decoder, set.stream().map(m -> data.get(m.rowid())).toList(),
            Long.MIN_VALUE, Long.MAX_VALUE);
        long seq = set.stream().mapToLong(Meta::seq).max().orElseThrow();
        int start = 0;
        for (int i = 1; i <= all.size; i++) {
          if (i == all.size || i - start == MAX_SAMPLES
              || Math.floorDiv(all.timestamps[i], WINDOW_MS) != Math.floorDiv(all.timestamps[start], WINDOW_MS)) {
            insert(insert, set.get(0), all, start, i, seq);
            start = i;
          }
        }
        set.forEach(m -> {
          delete.add(m.rowid());
          if (m.level() != 0) {
            deleteMerged.add(m.rowid());
          }
        });
      }
      insert.flush();
    } finally {
      insert.close();
    }
    // every level-0 chunk of these series was merged: the writer waits, so none came in since
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM chunks WHERE level = 0 AND series_id IN (" + join(ids) + ")");
      for (int from = 0; from < deleteMerged.size(); from += ROWS_PER_STATEMENT) {
        s.executeUpdate("DELETE FROM chunks WHERE rowid IN ("
            + join(deleteMerged.subList(from, Math.min(deleteMerged.size(), from + ROWS_PER_STATEMENT))) + ")");
      }
    }
    store.counters.add(SampleCounters.CHUNKS_MERGED, delete.size());
    return merges.size();
  }

  /** The level-0 chunks, the unfilled level-1 chunks of their windows and all that overlap them. */
  private static List<Meta> mergeSet(List<Meta> chunks) {
    List<Meta> in = new ArrayList<>(chunks.stream().filter(m -> m.level() == 0).toList());
    List<Meta> out = new ArrayList<>(chunks.stream().filter(m -> m.level() != 0).toList());
    boolean grew = true;
    while (grew) {
      grew = false;
      for (int i = 0; i < out.size(); i++) {
        Meta m = out.get(i);
        boolean take = in.stream().anyMatch(x -> x.overlaps(m) || (m.n() < MAX_SAMPLES && x.sameWindow(m)));
        if (take) {
          in.add(m);
          out.remove(i--);
          grew = true;
        }
      }
    }
    in.sort((a, b) -> a.seq() != b.seq() ? Long.compare(a.seq(), b.seq()) : Long.compare(a.minT(), b.minT()));
    return in;
  }

  /** The bytes of the chunks to merge: read by series, and by row id for the few full ones. */
  private static Map<Long, byte[]> data(Connection c, List<Integer> ids, List<List<Meta>> merges) throws SQLException {
    Map<Long, byte[]> out = new HashMap<>();
    java.util.Set<Long> wanted = new java.util.HashSet<>();
    merges.forEach(set -> set.forEach(m -> wanted.add(m.rowid())));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT rowid, data FROM chunks WHERE series_id IN (" + join(ids) + ") AND (level = 0 OR n < " + MAX_SAMPLES + ")")) {
      while (rs.next()) {
        if (wanted.remove(rs.getLong(1))) {
          out.put(rs.getLong(1), rs.getBytes(2));
        }
      }
    }
    List<Long> rowids = List.copyOf(wanted);
    try (Statement s = c.createStatement()) {
      for (int from = 0; from < rowids.size(); from += ROWS_PER_STATEMENT) {
        try (ResultSet rs = s.executeQuery("SELECT rowid, data FROM chunks WHERE rowid IN ("
            + join(rowids.subList(from, Math.min(rowids.size(), from + ROWS_PER_STATEMENT))) + ")")) {
          while (rs.next()) {
            out.put(rs.getLong(1), rs.getBytes(2));
          }
        }
      }
    }
    return out;
  }

  private static void insert(DuckDBAppender a, Meta series, SampleBatch.Samples all, int from, int to, long seq)
      throws SQLException {
    long[] ts = java.util.Arrays.copyOfRange(all.timestamps, from, to);
    double[] vs = java.util.Arrays.copyOfRange(all.values, from, to);
    a.beginRow();
    a.append(series.tenant());
    a.append(series.seriesId());
    a.append(ts[0]);
    a.append(ts[ts.length - 1]);
    a.append(ts.length);
    a.append(seq);
    a.append((byte) 1);
    a.append(ChunkCodec.encode(ts, vs, ts.length));
    a.endRow();
  }

  private static String join(List<? extends Number> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  @Override
  public void close() {
    passes.close();
  }

}
