package dev.sightline.storage.duckdb.chunk;

/** Writes bits most significant first into a {@link ByteOutput}. */
final class BitOutput {
  private final ByteOutput out;
  private long pending;
  private int pendingBits;

  BitOutput(ByteOutput out) {
    this.out = out;
  }

  void writeBit(boolean bit) {
    writeBits(bit ? 1 : 0, 1);
  }

  /** The low {@code count} bits of {@code value}, {@code count} in 1..64. */
  void writeBits(long value, int count) {
    int remaining = count;
    while (remaining > 0) {
      int take = Math.min(remaining, 56 - pendingBits);
      long chunk = (value >>> (remaining - take)) & ((1L << take) - 1);
      pending = (pending << take) | chunk;
      pendingBits += take;
      remaining -= take;
      while (pendingBits >= 8) {
        out.writeByte((int) (pending >>> (pendingBits - 8)));
        pendingBits -= 8;
        pending &= (1L << pendingBits) - 1;
      }
    }
  }

  /** Pads the last byte with zero bits. */
  void flush() {
    if (pendingBits > 0) {
      out.writeByte((int) (pending << (8 - pendingBits)));
      pending = 0;
      pendingBits = 0;
    }
  }
}
