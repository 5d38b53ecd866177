package dev.sightline.storage.duckdb;

import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.RollupAggregate;
import dev.sightline.storage.SampleReader.SelectLimits;
import dev.sightline.storage.SampleSeries;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.duckdb.chunk.ChunkSamples;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads rollups written by {@link RollupJob}: one sample per window, at the window's last sample.
 * Answers only when every window that may hold a sample up to the range's end is computed.
 */
final class RollupReader {
  private static final String SQL = "SELECT series_id, data FROM rollups WHERE tenant = ? AND res_ms = ?"
      + " AND series_id IN (SELECT unnest(CAST(? AS INTEGER[]))) AND t_max >= ? AND t_min <= ?"
      + " ORDER BY series_id, t_min";
  private final ConnectionPool pool;
  private final SeriesIndex index;

  RollupReader(ConnectionPool pool, SeriesIndex index) {
    this.pool = pool;
    this.index = index;
  }

  Optional<List<SampleSeries>> select(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs,
      SelectLimits limits, long res, RollupAggregate aggregate) {
    if (Arrays.stream(RollupJob.RESOLUTIONS).noneMatch(r -> r == res)) {
      return Optional.empty();
    }
    List<SeriesIndex.Series> found = index.select(tenant, matchers, minMs, maxMs);
    return pool.with("reading rollups", c -> {
      Long done = RollupJob.progress(c, res);
      if (done == null || Math.floorDiv(maxMs, res) * res + res > done) {
        return Optional.<List<SampleSeries>>empty();
      }
      List<SampleSeries> out = new ArrayList<>();
      if (found.isEmpty()) {
        return Optional.of(out);
      }
      Object[] ids = found.stream().map(SeriesIndex.Series::id).toArray();
      RollupBlock.Column column = switch (aggregate) {
        case MIN -> RollupBlock.Column.MIN;
        case MAX -> RollupBlock.Column.MAX;
        case SUM -> RollupBlock.Column.SUM;
        case COUNT -> RollupBlock.Column.COUNT;
        case LAST, COUNTER -> RollupBlock.Column.LAST;
      };
      java.util.Map<Integer, Integer> slots = new java.util.HashMap<>(found.size() * 2);
      for (int i = 0; i < found.size(); i++) {
        slots.put(found.get(i).id(), i);
      }
      SampleSeries[] bySlot = new SampleSeries[found.size()];
      int series = 0;
      long samples = 0;
      try (PreparedStatement ps = c.prepareStatement(SQL)) {
        ps.setString(1, tenant);
        ps.setInt(2, (int) res);
        ps.setArray(3, c.createArrayOf("INTEGER", ids));
        ps.setLong(4, minMs);
        ps.setLong(5, maxMs);
        try (ResultSet rs = ps.executeQuery()) {
          long[] ts = new long[64];
          double[] vs = new double[64];
          int n = 0;
          int current = -1;
          boolean more = rs.next();
          while (more || n > 0) {
            int id = more ? rs.getInt(1) : -1;
            if (id != current && n > 0) {
              if (++series > limits.maxSeries()) {
                throw new StorageException("the selection returns more than " + limits.maxSeries()
                    + " series (limit maxSeries); narrow the matchers or the time range");
              }
              samples += n;
              if (samples > limits.maxSamples()) {
                throw new StorageException("the selection returns more than " + limits.maxSamples()
                    + " samples (limit maxSamples); narrow the matchers or the time range");
              }
              int slot = slots.get(current);
              bySlot[slot] = new SampleSeries(Collections.unmodifiableSortedMap(found.get(slot).labels()),
                  Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
              n = 0;
            }
            if (!more) {
              break;
            }
            current = id;
            byte[] block = rs.getBytes(2);
            ChunkSamples values = RollupBlock.column(block, column);
            ChunkSamples increases = aggregate == RollupAggregate.COUNTER
                ? RollupBlock.column(block, RollupBlock.Column.INCREASE) : null;
            for (int i = 0; i < values.size(); i++) {
              long t = values.timestamps()[i];
              if (t < minMs || t > maxMs) {
                continue;
              }
              if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
              }
              ts[n] = t;
              // the counter starts at the raw value of its first window and grows by each increase
              vs[n] = increases == null || n == 0 ? values.values()[i] : vs[n - 1] + increases.values()[i];
              n++;
            }
            more = rs.next();
          }
        }
      }
      for (SampleSeries s : bySlot) {
        if (s != null) {
          out.add(s);
        }
      }
      return Optional.of(out);
    });
  }
}
