package dev.sightline.storage.duckdb.chunk;

import io.airlift.compress.zstd.ZstdDecompressor;

/**
 * Decodes chunks one after another, reusing its zstd decompressor and its buffers: a fresh
 * decompressor allocates some hundred kilobytes of tables, which cost more than decoding a small
 * chunk. Not thread-safe; use one per read.
 */
public final class ChunkDecoder {
  private final ZstdDecompressor zstd = new ZstdDecompressor();
  private byte[] payload = new byte[256];
  private long[] timestamps = new long[128];
  private double[] values = new double[128];

  /**
   * The samples of {@code chunk}, in the layout {@link ChunkCodec} describes. Their arrays belong
   * to this decoder and are overwritten by the next call; copy what must outlive it.
   */
  public ChunkSamples decode(byte[] chunk) {
    ByteInput header = new ByteInput(chunk, 0, chunk.length);
    int format = header.readByte();
    ByteInput in;
    if ((format & ChunkCodec.COMPRESSED) != 0) {
      int size = (int) header.readVarint();
      if (size < 0) {
        throw new IllegalArgumentException("corrupt chunk: payload of " + size + " bytes");
      }
      if (payload.length < size) {
        payload = new byte[Math.max(size, payload.length * 2)];
      }
      int offset = header.position();
      int length = zstd.decompress(chunk, offset, chunk.length - offset, payload, 0, size);
      in = new ByteInput(payload, 0, length);
    } else {
      in = new ByteInput(chunk, 1, chunk.length);
    }
    return samples(format, in, chunk.length);
  }

  private ChunkSamples samples(int format, ByteInput in, int chunkLength) {
    int n = (int) in.readVarint();
    if (n < 0 || n > chunkLength * 64L + 64) {
      throw new IllegalArgumentException("corrupt chunk: " + n + " samples");
    }
    if (timestamps.length < n) {
      timestamps = new long[Math.max(n, timestamps.length * 2)];
      values = new double[timestamps.length];
    }
    long[] ts = timestamps;
    long previous = 0;
    long previousDelta = 0;
    for (int i = 0; i < n; i++) {
      long read = in.readZigzag();
      long delta = i > 1 ? previousDelta + read : read;
      ts[i] = previous + delta;
      previousDelta = delta;
      previous = ts[i];
    }
    switch (format & 0x03) {
      case ChunkCodec.DECIMAL -> DecimalValues.decode(in, values, n, false);
      case ChunkCodec.DECIMAL_SECOND_ORDER -> DecimalValues.decode(in, values, n, true);
      case ChunkCodec.XOR -> XorValues.decode(in, values, n);
      default -> throw new IllegalArgumentException("corrupt chunk: unknown value format " + (format & 0x03));
    }
    return new ChunkSamples(ts, values, n);
  }
}
