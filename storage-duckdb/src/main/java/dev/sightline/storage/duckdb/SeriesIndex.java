package dev.sightline.storage.duckdb;

import dev.sightline.storage.LabelMatcher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;

/**
 * The sample series in memory: ids by fingerprint for the writer, an inverted index of label
 * values for matchers, and each series' time span (from its chunks) for range filtering. Rebuilt
 * from the {@code series} and {@code chunks} tables on start and after a failed batch; a hundred
 * bytes or so per label pair. Read by many threads, changed by the writer under a lock.
 */
final class SeriesIndex {
  /** One series: its id, tenant and labels ({@code __name__} included, sorted). */
  record Series(int id, String tenant, SortedMap<String, String> labels) {}

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private Series[] series = new Series[1024];
  private long[] minT = new long[1024];
  private long[] maxT = new long[1024];
  private final Map<Long, int[]> byFingerprint = new HashMap<>();
  private final Map<String, Map<String, Map<String, Postings>>> labelIndex = new HashMap<>();
  private final Map<String, Postings> byTenant = new HashMap<>();
  private int nextId = 1;

  /** Replaces what is in memory with what the tables hold. */
  void load(Connection c) throws SQLException {
    lock.writeLock().lock();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("""
            SELECT s.tenant, s.series_id, s.labels, s.fingerprint, t.min_t, t.max_t FROM series s
            LEFT JOIN (SELECT series_id, min(min_t) AS min_t, max(max_t) AS max_t FROM (
              SELECT series_id, min_t, max_t FROM chunks UNION ALL SELECT series_id, min_t, max_t FROM series_extent)
              GROUP BY series_id) t
            USING (series_id) ORDER BY s.series_id""")) {
      Arrays.fill(series, null);
      byFingerprint.clear();
      labelIndex.clear();
      byTenant.clear();
      nextId = 1;
      while (rs.next()) {
        int id = rs.getInt(2);
        put(id, rs.getString(1), LabelSets.parse(rs.getString(3)), rs.getLong(4));
        long min = rs.getLong(5);
        minT[id] = rs.wasNull() ? Long.MAX_VALUE : min;
        long max = rs.getLong(6);
        maxT[id] = rs.wasNull() ? Long.MIN_VALUE : max;
        nextId = id + 1;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The id of the series, or -1 when it is new. */
  int find(String tenant, SortedMap<String, String> labels, long fingerprint) {
    lock.readLock().lock();
    try {
      int[] ids = byFingerprint.get(fingerprint);
      if (ids != null) {
        for (int id : ids) {
          if (series[id].tenant().equals(tenant) && series[id].labels().equals(labels)) {
            return id;
          }
        }
      }
      return -1;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Registers a new series and returns its id. */
  int add(String tenant, SortedMap<String, String> labels, long fingerprint) {
    lock.writeLock().lock();
    try {
      int id = nextId++;
      put(id, tenant, labels, fingerprint);
      minT[id] = Long.MAX_VALUE;
      maxT[id] = Long.MIN_VALUE;
      return id;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void put(int id, String tenant, SortedMap<String, String> labels, long fingerprint) {
    if (id >= series.length) {
      int size = Math.max(series.length * 2, id + 1);
      series = Arrays.copyOf(series, size);
      minT = Arrays.copyOf(minT, size);
      maxT = Arrays.copyOf(maxT, size);
    }
    series[id] = new Series(id, tenant, labels);
    byFingerprint.merge(fingerprint, new int[] {id}, (a, b) -> {
      int[] both = Arrays.copyOf(a, a.length + 1);
      both[a.length] = id;
      return both;
    });
    byTenant.computeIfAbsent(tenant, t -> new Postings()).add(id);
    Map<String, Map<String, Postings>> names = labelIndex.computeIfAbsent(tenant, t -> new HashMap<>());
    labels.forEach((name, value) ->
        names.computeIfAbsent(name, n -> new HashMap<>()).computeIfAbsent(value, v -> new Postings()).add(id));
  }

  /** The newest sample time of the series, {@link Long#MIN_VALUE} when it has none. */
  long newest(int id) {
    lock.readLock().lock();
    try {
      return maxT[id];
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Widens the series' time span by newly written samples. */
  void extend(int id, long min, long max) {
    lock.writeLock().lock();
    try {
      minT[id] = Math.min(minT[id], min);
      maxT[id] = Math.max(maxT[id], max);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Series of the tenant matching every matcher, with samples in the range, in label order. */
  List<Series> select(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs) {
    List<Pattern> patterns = new ArrayList<>(matchers.size());
    for (LabelMatcher m : matchers) {
      boolean regex = m.op() == LabelMatcher.Op.RE || m.op() == LabelMatcher.Op.NRE;
      patterns.add(regex ? Pattern.compile(m.value(), Pattern.DOTALL) : null);
    }
    List<Series> out = new ArrayList<>();
    lock.readLock().lock();
    try {
      Postings candidates = candidates(tenant, matchers, patterns);
      for (int i = 0; candidates != null && i < candidates.size(); i++) {
        int id = candidates.get(i);
        Series s = series[id];
        if (s != null && s.tenant().equals(tenant) && maxT[id] >= minMs && minT[id] <= maxMs
            && matchesAll(s.labels(), matchers, patterns)) {
          out.add(s);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    out.sort((a, b) -> LabelSets.compare(a.labels(), b.labels()));
    return out;
  }

  /**
   * The smallest postings list some matcher confines the result to (an equality on a non-empty
   * value, or a regex that does not match the empty value), else all series of the tenant.
   */
  private Postings candidates(String tenant, List<LabelMatcher> matchers, List<Pattern> patterns) {
    Map<String, Map<String, Postings>> names = labelIndex.get(tenant);
    if (names == null) {
      return null;
    }
    Postings best = byTenant.get(tenant);
    for (int i = 0; i < matchers.size(); i++) {
      LabelMatcher m = matchers.get(i);
      Map<String, Postings> values = names.getOrDefault(m.name(), Map.of());
      Postings p = null;
      if (m.op() == LabelMatcher.Op.EQ && !m.value().isEmpty()) {
        p = values.getOrDefault(m.value(), new Postings());
      } else if (m.op() == LabelMatcher.Op.RE && !patterns.get(i).matcher("").matches()) {
        p = union(values, patterns.get(i));
      }
      if (p != null && p.size() < best.size()) {
        best = p;
      }
    }
    return best;
  }

  private static Postings union(Map<String, Postings> values, Pattern pattern) {
    List<Postings> matching = new ArrayList<>();
    int total = 0;
    for (Map.Entry<String, Postings> e : values.entrySet()) {
      if (pattern.matcher(e.getKey()).matches()) {
        matching.add(e.getValue());
        total += e.getValue().size();
      }
    }
    if (matching.size() == 1) {
      return matching.get(0);
    }
    int[] ids = new int[total];
    int n = 0;
    for (Postings p : matching) {
      for (int i = 0; i < p.size(); i++) {
        ids[n++] = p.get(i);
      }
    }
    Arrays.sort(ids);
    Postings out = new Postings();
    for (int id : ids) {
      out.add(id);
    }
    return out;
  }

  static boolean matchesAll(SortedMap<String, String> labels, List<LabelMatcher> matchers, List<Pattern> patterns) {
    for (int i = 0; i < matchers.size(); i++) {
      LabelMatcher m = matchers.get(i);
      String value = labels.getOrDefault(m.name(), "");
      boolean ok = switch (m.op()) {
        case EQ -> value.equals(m.value());
        case NEQ -> !value.equals(m.value());
        case RE -> patterns.get(i).matcher(value).matches();
        case NRE -> !patterns.get(i).matcher(value).matches();
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
