package dev.sightline.storage.duckdb.chunk;

/** Reads bits most significant first, as {@link BitOutput} wrote them. */
final class BitInput {
  private final ByteInput in;
  private long buffered;
  private int bufferedBits;

  BitInput(ByteInput in) {
    this.in = in;
  }

  boolean readBit() {
    return readBits(1) == 1;
  }

  /** {@code count} bits, 1..64, as the low bits of the result. */
  long readBits(int count) {
    long result = 0;
    int remaining = count;
    while (remaining > 0) {
      if (bufferedBits == 0) {
        buffered = in.readByte();
        bufferedBits = 8;
      }
      int take = Math.min(remaining, bufferedBits);
      long chunk = (buffered >>> (bufferedBits - take)) & ((1L << take) - 1);
      result = (result << take) | chunk;
      bufferedBits -= take;
      remaining -= take;
    }
    return result;
  }
}
