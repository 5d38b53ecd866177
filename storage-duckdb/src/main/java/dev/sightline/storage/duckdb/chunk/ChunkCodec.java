package dev.sightline.storage.duckdb.chunk;

import io.airlift.compress.zstd.ZstdCompressor;
import java.util.Arrays;

/**
 * The byte form of a chunk of samples. Timestamps are zigzag varints of the first time, the first
 * delta and then deltas of deltas (a steady scrape interval costs one byte a sample before
 * compression, nearly nothing after). Values are {@link DecimalValues} when every value is a
 * decimal with up to 15 significant digits at a common exponent, else {@link XorValues}. The whole
 * is then compressed with zstd when that makes it smaller.
 *
 * <p>Layout: one format byte (bits 0-1: 0 decimal deltas, 1 decimal deltas of deltas, 2 XOR; bit
 * 7: compressed), then either the payload or its length as a varint and the zstd frame. The
 * payload is the sample count as a varint, the timestamps, then the values.
 */
public final class ChunkCodec {
  static final int DECIMAL = 0;
  static final int DECIMAL_SECOND_ORDER = 1;
  static final int XOR = 2;
  static final int COMPRESSED = 0x80;
  /*
   * Below this a zstd frame's own header and checksum eat what it could save: of 123,000 chunks of
   * 48-63 payload bytes (ten samples each, a remote-write batch) none came out smaller, and trying
   * cost the writer a third of its time.
   */
  private static final int MIN_COMPRESS = 64;

  private ChunkCodec() {}

  /** Encodes the first {@code n} samples, which must be in strictly increasing time order. */
  public static byte[] encode(long[] timestamps, double[] values, int n) {
    ByteOutput payload = new ByteOutput(n * 3 + 16);
    payload.writeVarint(n);
    long previous = 0;
    long previousDelta = 0;
    for (int i = 0; i < n; i++) {
      long delta = timestamps[i] - previous;
      payload.writeZigzag(i > 1 ? delta - previousDelta : i == 1 ? delta : timestamps[0]);
      previousDelta = delta;
      previous = timestamps[i];
    }
    int format;
    DecimalValues.Form form = DecimalValues.analyse(values, n);
    if (form == null) {
      format = XOR;
      XorValues.encode(values, n, payload);
    } else {
      long[] sizes = DecimalValues.sizes(form.mantissas(), n);
      boolean second = sizes[1] < sizes[0];
      format = second ? DECIMAL_SECOND_ORDER : DECIMAL;
      DecimalValues.encode(form, values, n, second, payload);
    }
    if (payload.size() >= MIN_COMPRESS) {
      ZstdCompressor zstd = new ZstdCompressor();
      byte[] compressed = new byte[zstd.maxCompressedLength(payload.size())];
      int length = zstd.compress(payload.array(), 0, payload.size(), compressed, 0, compressed.length);
      if (length + 4 < payload.size()) {
        ByteOutput out = new ByteOutput(length + 8);
        out.writeByte(format | COMPRESSED);
        out.writeVarint(payload.size());
        out.write(compressed, 0, length);
        return out.toByteArray();
      }
    }
    ByteOutput out = new ByteOutput(payload.size() + 1);
    out.writeByte(format);
    out.write(payload.array(), 0, payload.size());
    return out.toByteArray();
  }

  /** Decodes one chunk into arrays of its size; to decode many, reuse a {@link ChunkDecoder}. */
  public static ChunkSamples decode(byte[] chunk) {
    ChunkSamples c = new ChunkDecoder().decode(chunk);
    return new ChunkSamples(Arrays.copyOf(c.timestamps(), c.size()), Arrays.copyOf(c.values(), c.size()), c.size());
  }
}
