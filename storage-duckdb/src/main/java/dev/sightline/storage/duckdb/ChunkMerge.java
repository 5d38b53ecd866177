package dev.sightline.storage.duckdb;

import dev.sightline.storage.duckdb.chunk.ChunkCodec;
import dev.sightline.storage.duckdb.chunk.ChunkSamples;
import java.util.List;

/**
 * Merges the chunks of one series into one time-ordered run of samples. Chunks come in write order
 * (sequence, then time), so when two carry the same timestamp the later write wins.
 */
final class ChunkMerge {
  private ChunkMerge() {}

  /** The samples of {@code chunks} within {@code [minMs, maxMs]}. */
  static SampleBatch.Samples merge(List<byte[]> chunks, long minMs, long maxMs) {
    SampleBatch.Samples out = new SampleBatch.Samples();
    for (byte[] data : chunks) {
      ChunkSamples c = ChunkCodec.decode(data);
      for (int i = 0; i < c.size(); i++) {
        long t = c.timestamps()[i];
        if (t >= minMs && t <= maxMs) {
          out.add(t, c.values()[i], 0);
        }
      }
    }
    SampleRows.sortKeepingLast(out);
    return out;
  }
}
