package dev.sightline.storage.duckdb;

import dev.sightline.storage.duckdb.chunk.ChunkDecoder;
import dev.sightline.storage.duckdb.chunk.ChunkSamples;
import java.util.Arrays;
import java.util.List;

/**
 * Merges the chunks of one series into one time-ordered run of samples. Chunks come in write order
 * (sequence, then time), so when two carry the same timestamp the later write wins.
 */
final class ChunkMerge {
  private ChunkMerge() {}

  /** The samples of {@code chunks} within {@code [minMs, maxMs]}. */
  static SampleBatch.Samples merge(ChunkDecoder decoder, List<byte[]> chunks, long minMs, long maxMs) {
    return merge(decoder, chunks, minMs, maxMs, new SampleBatch.Samples());
  }

  /**
   * The samples of {@code chunks} within {@code [minMs, maxMs]}, written over {@code out}: a reader
   * reuses one buffer for all its series. A chunk's timestamps increase strictly, so its samples in
   * range are one slice, copied whole.
   */
  static SampleBatch.Samples merge(ChunkDecoder decoder, List<byte[]> chunks, long minMs, long maxMs,
      SampleBatch.Samples out) {
    out.size = 0;
    out.seq = 0;
    for (int k = 0; k < chunks.size(); k++) {
      ChunkSamples c = decoder.decode(chunks.get(k));
      long[] ts = c.timestamps();
      int lo = minMs == Long.MIN_VALUE ? 0 : firstAfter(ts, c.size(), minMs - 1);
      int hi = firstAfter(ts, c.size(), maxMs);
      int n = hi - lo;
      if (n <= 0) {
        continue;
      }
      if (out.size + n > out.timestamps.length) {
        int capacity = Math.max(out.size + n, out.timestamps.length * 2);
        out.timestamps = Arrays.copyOf(out.timestamps, capacity);
        out.values = Arrays.copyOf(out.values, capacity);
      }
      System.arraycopy(ts, lo, out.timestamps, out.size, n);
      System.arraycopy(c.values(), lo, out.values, out.size, n);
      out.size += n;
    }
    SampleRows.sortKeepingLast(out);
    return out;
  }

  /** The first index in {@code ts[0, n)} past {@code t}, or {@code n}. */
  private static int firstAfter(long[] ts, int n, long t) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
