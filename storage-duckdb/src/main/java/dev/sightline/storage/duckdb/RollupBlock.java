package dev.sightline.storage.duckdb;

import dev.sightline.storage.duckdb.chunk.ChunkCodec;
import dev.sightline.storage.duckdb.chunk.ChunkSamples;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The rollup windows of one series in one pass, stored as one value: each aggregate a chunk
 * ({@link ChunkCodec}) over the windows' last-sample times, so that rollups compress as samples
 * do (decimal deltas, zstd) instead of costing a DuckDB row of eleven columns per window.
 * Layout: for each {@link Column} in order, a varint length and the chunk.
 */
final class RollupBlock {
  /** The aggregates of a window, in their order in a block. */
  enum Column { COUNT, SUM, MIN, MAX, LAST, INCREASE }

  private long[] lastT = new long[32];
  private final double[][] columns = new double[Column.values().length][32];
  private int size;

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  long firstTime() {
    return lastT[0];
  }

  long lastTime() {
    return lastT[size - 1];
  }

  void add(RollupWindow w) {
    if (size == lastT.length) {
      lastT = Arrays.copyOf(lastT, size * 2);
      for (int c = 0; c < columns.length; c++) {
        columns[c] = Arrays.copyOf(columns[c], size * 2);
      }
    }
    lastT[size] = w.lastT;
    columns[Column.COUNT.ordinal()][size] = w.n;
    columns[Column.SUM.ordinal()][size] = w.sum;
    columns[Column.MIN.ordinal()][size] = w.min;
    columns[Column.MAX.ordinal()][size] = w.max;
    columns[Column.LAST.ordinal()][size] = w.last;
    columns[Column.INCREASE.ordinal()][size] = w.increase;
    size++;
  }

  byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (double[] column : columns) {
      byte[] chunk = ChunkCodec.encode(lastT, column, size);
      for (int n = chunk.length; ; n >>>= 7) {
        if (n < 0x80) {
          out.write(n);
          break;
        }
        out.write((n & 0x7f) | 0x80);
      }
      out.writeBytes(chunk);
    }
    return out.toByteArray();
  }

  /** One aggregate of a stored block: the windows' last-sample times and the values. */
  static ChunkSamples column(byte[] block, Column column) {
    int pos = 0;
    for (int c = 0; ; c++) {
      int length = 0;
      for (int shift = 0; ; shift += 7) {
        int b = block[pos++] & 0xff;
        length |= (b & 0x7f) << shift;
        if (b < 0x80) {
          break;
        }
      }
      if (c == column.ordinal()) {
        return ChunkCodec.decode(Arrays.copyOfRange(block, pos, pos + length));
      }
      pos += length;
    }
  }
}
