package dev.sightline.storage.duckdb;

import java.nio.ByteBuffer;
import java.util.Collection;

/**
 * A Bloom filter over the trace ids of one span file (ten bits and seven probes per id: about 1%
 * false positives), kept in the tier catalog so that a trace lookup opens, and for cold files
 * downloads, only the files that may hold the trace.
 */
final class TraceIdFilter {
  private static final int PROBES = 7;

  private TraceIdFilter() {}

  static byte[] of(Collection<byte[]> traceIds) {
    int bits = Math.max(64, traceIds.size() * 10);
    byte[] filter = new byte[(bits + 7) / 8];
    for (byte[] id : traceIds) {
      long[] h = hashes(id);
      for (int i = 0; i < PROBES; i++) {
        int bit = index(h, i, filter.length * 8);
        filter[bit >>> 3] |= (byte) (1 << (bit & 7));
      }
    }
    return filter;
  }

  static boolean mayContain(byte[] filter, byte[] traceId) {
    long[] h = hashes(traceId);
    for (int i = 0; i < PROBES; i++) {
      int bit = index(h, i, filter.length * 8);
      if ((filter[bit >>> 3] & (1 << (bit & 7))) == 0) {
        return false;
      }
    }
    return true;
  }

  private static int index(long[] h, int i, int bits) {
    return (int) Long.remainderUnsigned(h[0] + i * h[1], bits);
  }

  /** Trace ids are random already: two 64-bit halves, mixed so that short or zero ids still spread. */
  private static long[] hashes(byte[] id) {
    ByteBuffer b = ByteBuffer.allocate(16).put(id, 0, Math.min(16, id.length));
    long a = mix(b.getLong(0) ^ id.length);
    long c = mix(b.getLong(8) + 0x9E3779B97F4A7C15L);
    return new long[] {a, c | 1};
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
