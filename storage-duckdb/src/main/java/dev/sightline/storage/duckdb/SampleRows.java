package dev.sightline.storage.duckdb;

import dev.sightline.storage.duckdb.chunk.ChunkCodec;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends a batch's samples: one level-0 chunk row per series, and a {@code series} row for each
 * series seen for the first time. Samples that arrive further behind the series' newest one so
 * far (stored, or earlier in the batch) than the out-of-order window are left out and counted;
 * equal timestamps within a batch keep the later sample.
 */
final class SampleRows {
  /** How many samples a batch stored and left out. */
  record Appended(long accepted, long rejected) {}

  private final DuckDBAppender series;
  private final DuckDBAppender chunks;

  SampleRows(DuckDBConnection connection) throws SQLException {
    this.series = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "series");
    this.chunks = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "chunks");
  }

  Appended append(SampleBatch batch, SampleStore store) throws SQLException {
    long window = store.config.outOfOrderWindow().toMillis();
    long accepted = 0;
    long rejected = 0;
    for (Map.Entry<SampleBatch.Key, SampleBatch.Samples> e : batch.series().entrySet()) {
      SampleBatch.Samples s = e.getValue();
      String tenant = e.getKey().tenant();
      long fingerprint = LabelSets.fingerprint(tenant, e.getKey().labels());
      int id = store.index.find(tenant, e.getKey().labels(), fingerprint);
      rejected += dropLate(s, id < 0 ? Long.MIN_VALUE : store.index.newest(id), window);
      sortKeepingLast(s);
      int n = s.size;
      if (n == 0) {
        continue;
      }
      if (id < 0) {
        id = store.index.add(tenant, e.getKey().labels(), fingerprint);
        series.beginRow();
        series.append(tenant);
        series.append(id);
        series.append(e.getKey().labels().getOrDefault("__name__", ""));
        series.append(LabelSets.json(e.getKey().labels()));
        series.append(fingerprint);
        series.append(s.seq);
        series.endRow();
      }
      long[] ts = s.timestamps;
      double[] vs = s.values;
      chunks.beginRow();
      chunks.append(tenant);
      chunks.append(id);
      chunks.append(ts[0]);
      chunks.append(ts[n - 1]);
      chunks.append(n);
      chunks.append(s.seq);
      chunks.append((byte) 0);
      chunks.append(ChunkCodec.encode(ts, vs, n));
      chunks.endRow();
      store.index.extend(id, ts[0], ts[n - 1]);
      accepted += n;
    }
    return new Appended(accepted, rejected);
  }

  /**
   * Removes the samples that arrived more than {@code window} behind the newest sample of the
   * series so far (stored, or earlier in this batch): the same rule whether a backfill comes in
   * one batch or many, so in-order data is never dropped. Returns how many were removed.
   */
  static int dropLate(SampleBatch.Samples s, long storedNewest, long window) {
    long newest = storedNewest;
    int kept = 0;
    for (int i = 0; i < s.size; i++) {
      long t = s.timestamps[i];
      if (newest != Long.MIN_VALUE && t < newest - window) {
        continue;
      }
      newest = Math.max(newest, t);
      s.timestamps[kept] = t;
      s.values[kept] = s.values[i];
      kept++;
    }
    int dropped = s.size - kept;
    s.size = kept;
    return dropped;
  }

  /** Orders samples by time; of samples with equal times the one that came last stays. */
  static void sortKeepingLast(SampleBatch.Samples s) {
    boolean sorted = true;
    for (int i = 1; i < s.size && sorted; i++) {
      sorted = s.timestamps[i] > s.timestamps[i - 1];
    }
    if (sorted) {
      return;
    }
    Integer[] order = new Integer[s.size];
    for (int i = 0; i < s.size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(s.timestamps[a], s.timestamps[b])); // stable
    long[] ts = new long[s.size];
    double[] vs = new double[s.size];
    int n = 0;
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      if (n > 0 && ts[n - 1] == s.timestamps[i]) {
        n--;
      }
      ts[n] = s.timestamps[i];
      vs[n] = s.values[i];
      n++;
    }
    s.timestamps = ts;
    s.values = vs;
    s.size = n;
  }

  void flush() throws SQLException {
    series.flush();
    chunks.flush();
  }

  void close() throws SQLException {
    series.close();
    chunks.close();
  }
}
