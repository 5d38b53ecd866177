package dev.sightline.storage.duckdb;

import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.RollupAggregate;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.SampleSeries;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.duckdb.chunk.ChunkDecoder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads samples: series come from the in-memory {@link SeriesIndex}, then only the chunks of those
 * series overlapping the range are read and decoded, up to five thousand series per query.
 */
final class DuckDbSampleReader implements SampleReader {
  private static final int SERIES_PER_QUERY = 5000;
  private static final String CHUNKS_SQL = "SELECT series_id, data FROM " + TierReads.SOURCE + " WHERE tenant = ?"
      + " AND series_id IN (SELECT unnest(CAST(? AS INTEGER[]))) AND max_t >= ? AND min_t <= ?"
      + " ORDER BY series_id, seq, min_t";
  private final ConnectionPool pool;
  private final SeriesIndex index;
  private final RollupReader rollups;
  private final TierReads tiers;

  DuckDbSampleReader(ConnectionPool pool, SeriesIndex index, TierReads tiers) {
    this.pool = pool;
    this.tiers = tiers;
    this.index = index;
    this.rollups = new RollupReader(pool, index);
  }

  @Override
  public Optional<List<SampleSeries>> selectRollup(String tenant, List<LabelMatcher> matchers, long minMs,
      long maxMs, SelectLimits limits, long resolutionMs, RollupAggregate aggregate) {
    return rollups.select(tenant, matchers, minMs, maxMs, limits, resolutionMs, aggregate);
  }

  @Override
  public List<SampleSeries> select(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs,
      SelectLimits limits) {
    List<SeriesIndex.Series> found = index.select(tenant, matchers, minMs, maxMs);
    List<SampleSeries> out = new ArrayList<>();
    long samples = 0;
    ChunkDecoder decoder = new ChunkDecoder();
    SampleBatch.Samples merged = new SampleBatch.Samples();
    for (int from = 0; from < found.size(); from += SERIES_PER_QUERY) {
      List<SeriesIndex.Series> part = found.subList(from, Math.min(found.size(), from + SERIES_PER_QUERY));
      Map<Integer, List<byte[]>> chunks = chunks(tenant, part, minMs, maxMs);
      for (SeriesIndex.Series s : part) {
        ChunkMerge.merge(decoder, chunks.getOrDefault(s.id(), List.of()), minMs, maxMs, merged);
        if (merged.size == 0) {
          continue;
        }
        if (out.size() >= limits.maxSeries()) {
          throw new StorageException("the selection returns more than " + limits.maxSeries()
              + " series (limit maxSeries); narrow the matchers or the time range");
        }
        samples += merged.size;
        if (samples > limits.maxSamples()) {
          throw new StorageException("the selection returns more than " + limits.maxSamples()
              + " samples (limit maxSamples); narrow the matchers or the time range");
        }
        out.add(new SampleSeries(Collections.unmodifiableSortedMap(s.labels()),
            Arrays.copyOf(merged.timestamps, merged.size), Arrays.copyOf(merged.values, merged.size)));
      }
    }
    return out;
  }

  /**
   * The chunks of {@code series} overlapping the range, in write order per series. The ids go in as
   * one array parameter: DuckDB plans a literal {@code IN} list of a thousand ids several times
   * slower than it runs the whole query.
   */
  private Map<Integer, List<byte[]>> chunks(String tenant, List<SeriesIndex.Series> series, long minMs, long maxMs) {
    Object[] ids = new Object[series.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = series.get(i).id();
    }
    return tiers.read(TieredTable.CHUNKS, tenant, nanos(minMs), nanos(maxMs), source -> pool.with("reading chunks of " + series.size() + " series", c -> {
      Map<Integer, List<byte[]>> out = new HashMap<>(series.size() * 2);
      try (PreparedStatement ps = c.prepareStatement(CHUNKS_SQL.replace(TierReads.SOURCE, source))) {
        ps.setString(1, tenant);
        ps.setArray(2, c.createArrayOf("INTEGER", ids));
        ps.setLong(3, minMs);
        ps.setLong(4, maxMs);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>(2)).add(rs.getBytes(2));
          }
        }
      }
      return out;
    }));
  }

  private static long nanos(long ms) {
    return ms <= 0 ? 0 : ms >= Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : ms * 1_000_000L;
  }

  @Override
  public List<Map<String, String>> series(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs,
      int limit) {
    return index.select(tenant, matchers, minMs, maxMs).stream().limit(limit)
        .<Map<String, String>>map(s -> Collections.unmodifiableSortedMap(s.labels())).toList();
  }

  @Override
  public List<String> labelNames(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs) {
    TreeSet<String> names = new TreeSet<>();
    index.select(tenant, matchers, minMs, maxMs).forEach(s -> names.addAll(s.labels().keySet()));
    return List.copyOf(names);
  }

  @Override
  public List<String> labelValues(String tenant, String name, List<LabelMatcher> matchers, long minMs,
      long maxMs) {
    TreeSet<String> values = new TreeSet<>();
    for (SeriesIndex.Series s : index.select(tenant, matchers, minMs, maxMs)) {
      String v = s.labels().get(name);
      if (v != null && !v.isEmpty()) {
        values.add(v);
      }
    }
    return List.copyOf(values);
  }
}
